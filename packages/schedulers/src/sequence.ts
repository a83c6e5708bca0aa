import type { Schedule } from '@knack/core'
import { ArgumentError } from '@knack/core'
import { bisectRight } from './bisect'
import { checkSortedSteps } from './check'

/**
 * Runs `schedules[i]` from `milestones[i − 1]` (or 0) up to `milestones[i]`, each seeing the
 * step relative to its own start (PyTorch's `SequentialLR`): with
 * `i = #{m ∈ milestones : m ≤ t}`, `lr(t) = schedules[i](t − milestones[i − 1])`.
 *
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.SequentialLR.html
 */
export function sequence(schedules: readonly Schedule[], milestones: readonly number[]): Schedule {
  if (schedules.length === 0) {
    throw new ArgumentError('sequence', 'got no schedules', 'pass at least one schedule')
  }
  if (schedules.length !== milestones.length + 1) {
    throw new ArgumentError(
      'sequence',
      `${schedules.length} schedules need ${schedules.length - 1} milestones, got ${milestones.length}`,
      'pass one milestone between each pair of consecutive schedules',
    )
  }
  schedules.forEach((s, i) => {
    if (typeof s !== 'function') {
      throw new ArgumentError(
        'sequence',
        `schedules[${i}] must be a function (step) => value, got ${typeof s}`,
      )
    }
  })
  checkSortedSteps('sequence', 'milestones', milestones, true)
  const parts = [...schedules]
  const bounds = [...milestones]
  return (t) => {
    const i = bisectRight(bounds, t)
    return parts[i]!(i === 0 ? t : t - bounds[i - 1]!)
  }
}

/** Alias of {@link sequence} under Optax's name (`join_schedules`). */
export const join = sequence
