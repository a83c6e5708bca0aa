import { ArgumentError, type Schedule } from '@knack/core'
import { checkInteger } from './check'
import { linearWarmup } from './linear-warmup'
import { type ScaleLrForBatchOptions, scaleLrForBatch } from './scale-lr-for-batch'

/** Options of {@link largeBatchSchedule}. */
export interface LargeBatchScheduleOptions extends ScaleLrForBatchOptions {
  /** Steps of the gradual warmup from `baseLr` to the scaled rate. */
  warmupSteps: number
  /**
   * Schedule after the warmup, read at the absolute step (so step-decay milestones count from
   * the start of training, as in the paper). Default: the scaled rate, constant.
   */
  after?: Schedule
}

/**
 * Gradual warmup for large-batch training: a linear ramp from `baseLr` to the scaled rate
 * `lr̂ = scaleLrForBatch(options)` over `warmupSteps`, then `after`:
 * `lr(t) = baseLr + (lr̂ − baseLr) · t / warmupSteps` for `t < warmupSteps`, else `after(t)`.
 * To make `after` see the step relative to the end of the warmup, use {@link sequence}.
 *
 * @see Goyal et al., Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour, 2017, §2.2. https://arxiv.org/abs/1706.02677
 */
export function largeBatchSchedule(options: LargeBatchScheduleOptions): Schedule {
  const { warmupSteps, after } = options
  checkInteger('largeBatchSchedule', 'warmupSteps', warmupSteps, 0)
  if (after !== undefined && typeof after !== 'function') {
    throw new ArgumentError(
      'largeBatchSchedule',
      `after must be a schedule (step) => value, got ${typeof after}`,
    )
  }
  const scaled = scaleLrForBatch(options)
  const warm = linearWarmup({ from: options.baseLr, to: scaled, steps: warmupSteps })
  if (after === undefined) return warm
  return (t) => (t < warmupSteps ? warm(t) : after(t))
}
