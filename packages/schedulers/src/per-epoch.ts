import type { Schedule } from '@knack/core'
import { ArgumentError } from '@knack/core'
import { checkInteger } from './check'

/**
 * Reads an epoch-based schedule from an optimizer step count:
 * `lr(t) = schedule(⌊t / stepsPerEpoch⌋)`, i.e. the rate changes once per epoch, as when a
 * PyTorch scheduler is stepped at the end of each epoch.
 */
export function perEpoch(schedule: Schedule, stepsPerEpoch: number): Schedule {
  if (typeof schedule !== 'function') {
    throw new ArgumentError(
      'perEpoch',
      `schedule must be a function (epoch) => value, got ${typeof schedule}`,
    )
  }
  checkInteger('perEpoch', 'stepsPerEpoch', stepsPerEpoch, 1)
  return (t) => schedule(Math.floor(t / stepsPerEpoch))
}
