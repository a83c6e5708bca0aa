import type { Schedule } from '@knack/core'
import { checkFinite, checkInteger } from './check'

/** Options of {@link linearWarmup}. */
export interface LinearWarmupOptions {
  /** Learning rate at step 0. Default 0. */
  from?: number
  /** Learning rate reached at step `steps` and held afterwards. */
  to: number
  /** Length of the ramp in steps; 0 gives `to` from the start. */
  steps: number
}

/**
 * Linear ramp from `from` to `to` over `steps` steps, then constant (Optax's `linear_schedule`):
 * `lr(t) = from + (to − from) · min(t, steps) / steps`.
 *
 * @see Goyal et al., Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour, 2017, §2.2. https://arxiv.org/abs/1706.02677
 */
export function linearWarmup({ from = 0, to, steps }: LinearWarmupOptions): Schedule {
  checkFinite('linearWarmup', 'from', from)
  checkFinite('linearWarmup', 'to', to)
  checkInteger('linearWarmup', 'steps', steps, 0)
  return (t) => (t >= steps ? to : from + ((to - from) * t) / steps)
}
