import type { Schedule } from '@knack/core'
import { checkFinite, checkInteger } from './check'

/** Options of {@link inverseSqrt}. */
export interface InverseSqrtOptions {
  /** Peak learning rate, reached at the last warmup step. */
  initial: number
  /** Number of linear warmup steps; 0 or 1 means no warmup. */
  warmupSteps: number
}

/**
 * Linear warmup, then decay with the inverse square root of the step (the Transformer's
 * "Noam" schedule, normalised so that the peak is `initial`). With `n = t + 1` and
 * `w = max(warmupSteps, 1)`: `lr(t) = initial · min(n / w, √(w / n))`.
 *
 * @see Vaswani et al., Attention Is All You Need, 2017, §5.3. https://arxiv.org/abs/1706.03762
 */
export function inverseSqrt({ initial, warmupSteps }: InverseSqrtOptions): Schedule {
  checkFinite('inverseSqrt', 'initial', initial)
  checkInteger('inverseSqrt', 'warmupSteps', warmupSteps, 0)
  const w = Math.max(warmupSteps, 1)
  return (t) => {
    const n = t + 1
    return initial * Math.min(n / w, Math.sqrt(w / n))
  }
}
