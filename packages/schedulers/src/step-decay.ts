import type { Schedule } from '@knack/core'
import { checkFinite, checkInteger, checkNonNegative } from './check'

/** Options of {@link stepDecay}. */
export interface StepDecayOptions {
  /** Learning rate at step 0. */
  initial: number
  /** Number of steps between two decays. */
  stepSize: number
  /** Multiplicative decay applied every `stepSize` steps. Default 0.1. */
  gamma?: number
}

/**
 * Decays by `gamma` every `stepSize` steps (PyTorch's `StepLR`):
 * `lr(t) = initial · gamma^⌊t / stepSize⌋`.
 *
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.StepLR.html
 */
export function stepDecay({ initial, stepSize, gamma = 0.1 }: StepDecayOptions): Schedule {
  checkFinite('stepDecay', 'initial', initial)
  checkInteger('stepDecay', 'stepSize', stepSize, 1)
  checkNonNegative('stepDecay', 'gamma', gamma)
  return (t) => initial * gamma ** Math.floor(t / stepSize)
}
