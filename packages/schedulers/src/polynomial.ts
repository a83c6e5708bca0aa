import type { Schedule } from '@knack/core'
import { checkFinite, checkInteger, checkNonNegative } from './check'

/** Options of {@link polynomial}. */
export interface PolynomialOptions {
  /** Learning rate at step 0. */
  initial: number
  /** Number of steps until the rate reaches 0 (it stays 0 afterwards). Default 5. */
  totalIters?: number
  /** Power of the polynomial. Default 1 (linear decay to 0). */
  power?: number
}

/**
 * Polynomial decay to zero (PyTorch's `PolynomialLR`):
 * `lr(t) = initial · (1 − min(t, totalIters) / totalIters)^power`.
 *
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.PolynomialLR.html
 */
export function polynomial({ initial, totalIters = 5, power = 1 }: PolynomialOptions): Schedule {
  checkFinite('polynomial', 'initial', initial)
  checkInteger('polynomial', 'totalIters', totalIters, 1)
  checkNonNegative('polynomial', 'power', power)
  return (t) => initial * (1 - Math.min(totalIters, t) / totalIters) ** power
}
