import type { Schedule } from '@knack/core'
import { checkFinite, checkNonNegative } from './check'

/** Options of {@link exponential}. */
export interface ExponentialOptions {
  /** Learning rate at step 0. */
  initial: number
  /** Multiplicative decay per step (wrap in {@link perEpoch} for a decay per epoch). */
  gamma: number
}

/**
 * Decays by `gamma` every step (PyTorch's `ExponentialLR`): `lr(t) = initial · gamma^t`.
 * For a decay per epoch, e.g. 0.98 per epoch: `perEpoch(exponential({ initial, gamma: 0.98 }), stepsPerEpoch)`.
 *
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ExponentialLR.html
 */
export function exponential({ initial, gamma }: ExponentialOptions): Schedule {
  checkFinite('exponential', 'initial', initial)
  checkNonNegative('exponential', 'gamma', gamma)
  return (t) => initial * gamma ** t
}
