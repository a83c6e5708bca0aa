import type { Schedule } from '@knack/core'
import fixtures from '../fixtures/schedules.json'

/**
 * Learning rates recorded from `torch.optim.lr_scheduler` by `fixtures/schedules.py`, for tests.
 * @internal
 */
export const torchFixtures = fixtures

/** A step where a schedule differs from the expected rates. @internal */
export interface Mismatch {
  step: number
  got: number
  want: number
}

/**
 * First step where `schedule(t)` differs from `lrs[t]` by more than `atol + rtol·|lrs[t]|`,
 * or `null` when every step matches. @internal
 */
export function firstMismatch(
  schedule: Schedule,
  lrs: readonly number[],
  rtol = 1e-6,
  atol = 1e-12,
): Mismatch | null {
  for (let t = 0; t < lrs.length; t++) {
    const got = schedule(t)
    const want = lrs[t]!
    if (!(Math.abs(got - want) <= atol + rtol * Math.abs(want))) return { step: t, got, want }
  }
  return null
}
