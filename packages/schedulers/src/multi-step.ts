import type { Schedule } from '@knack/core'
import { bisectRight } from './bisect'
import { checkFinite, checkNonNegative, checkSortedSteps } from './check'

/** Options of {@link multiStep}. */
export interface MultiStepOptions {
  /** Learning rate at step 0. */
  initial: number
  /** Steps at which the rate decays, ascending; a repeated milestone decays once per copy. */
  milestones: readonly number[]
  /** Multiplicative decay applied at each milestone. Default 0.1. */
  gamma?: number
}

/**
 * Decays by `gamma` at each milestone (PyTorch's `MultiStepLR`):
 * `lr(t) = initial · gamma^(number of milestones ≤ t)`.
 *
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.MultiStepLR.html
 */
export function multiStep({ initial, milestones, gamma = 0.1 }: MultiStepOptions): Schedule {
  checkFinite('multiStep', 'initial', initial)
  checkNonNegative('multiStep', 'gamma', gamma)
  checkSortedSteps('multiStep', 'milestones', milestones, false)
  const sorted = [...milestones]
  return (t) => initial * gamma ** bisectRight(sorted, t)
}
