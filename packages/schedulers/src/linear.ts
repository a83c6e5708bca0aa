import type { Schedule } from '@knack/core'
import { checkFinite, checkInteger, checkNonNegative } from './check'

/** Options of {@link linear}. */
export interface LinearOptions {
  /** Base learning rate the factors multiply. Default 1 (the schedule then returns the factor). */
  initial?: number
  /** Factor at step 0. Default 1/3. */
  startFactor?: number
  /** Factor from step `totalIters` on. Default 1. */
  endFactor?: number
  /** Number of steps of the linear change. Default 5. */
  totalIters?: number
}

/**
 * Linear change of a multiplicative factor (PyTorch's `LinearLR`):
 * `lr(t) = initial · (startFactor + (endFactor − startFactor) · min(t, totalIters) / totalIters)`.
 *
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.LinearLR.html
 */
export function linear({
  initial = 1,
  startFactor = 1 / 3,
  endFactor = 1,
  totalIters = 5,
}: LinearOptions = {}): Schedule {
  checkFinite('linear', 'initial', initial)
  checkNonNegative('linear', 'startFactor', startFactor)
  checkNonNegative('linear', 'endFactor', endFactor)
  checkInteger('linear', 'totalIters', totalIters, 1)
  return (t) =>
    initial * (startFactor + ((endFactor - startFactor) * Math.min(totalIters, t)) / totalIters)
}
