import { StateError } from '@knack/core'
import { type BenchResult, roundTo } from './result'
import type { TrainPlan } from './spec'

/** What a framework provides to {@link runTrainPlan}. */
export interface StepRunner {
  /**
   * Runs one training step on the train rows `[row, row + batch)`: forward, loss, backward and
   * optimizer update. Returns the step's loss read back to the host when `read`, else `null`
   * (a runner may then skip the device-to-host read).
   */
  step(row: number, read: boolean): number | null
  /** Share of the test rows whose argmax logit equals the label, with the current weights. */
  evaluate(): number
}

/** What {@link runTrainPlan} measured. */
export interface TrainOutcome {
  samplesPerS: number
  stepsPerS: number
  firstLoss: number
  lastLoss: number
  testAcc: number
  /** Milliseconds from `setupStart` to step 0's loss on the host. */
  timeToFirstStepMs: number
}

/** Progress callback: `(step, loss)` for each step whose loss was read. */
export type ProgressFn = (step: number, loss: number) => void

function readLoss(runner: StepRunner, row: number, step: number): number {
  const loss = runner.step(row, true)
  if (loss === null) {
    throw new StateError(
      'runTrainPlan',
      `step ${step}: the runner returned no loss although it was asked to read it`,
      'return the loss from step() when read is true',
    )
  }
  return loss
}

/**
 * Runs a training plan by the spec's rules: step s uses train rows
 * `[(s mod steps_per_epoch)·batch, +batch)`; the timer starts before step `warmupSteps` and
 * stops once step `warmupSteps + timedSteps − 1` has completed, proven by reading its loss;
 * the remaining steps run untimed; then test accuracy. Losses are read at step 0 (first-batch
 * check), at the end of the timed window and at the last step only.
 */
export function runTrainPlan(
  plan: TrainPlan,
  runner: StepRunner,
  setupStart: number,
  now: () => number = () => performance.now(),
  progress?: ProgressFn,
): TrainOutcome {
  const timedEnd = plan.warmupSteps + plan.timedSteps - 1
  let firstLoss = Number.NaN
  let lastLoss = Number.NaN
  let timeToFirstStepMs = Number.NaN
  let t0 = 0
  let elapsedMs = Number.NaN
  for (let s = 0; s < plan.totalSteps; s++) {
    if (s === plan.warmupSteps) t0 = now()
    const row = (s % plan.stepsPerEpoch) * plan.batch
    const read = s === 0 || s === timedEnd || s === plan.totalSteps - 1
    if (!read) {
      runner.step(row, false)
      continue
    }
    const loss = readLoss(runner, row, s)
    if (s === timedEnd) elapsedMs = now() - t0
    if (s === 0) {
      timeToFirstStepMs = now() - setupStart
      firstLoss = loss
    }
    lastLoss = loss
    progress?.(s, loss)
  }
  const elapsedS = elapsedMs / 1000
  return {
    samplesPerS: (plan.timedSteps * plan.batch) / elapsedS,
    stepsPerS: plan.timedSteps / elapsedS,
    firstLoss,
    lastLoss,
    testAcc: runner.evaluate(),
    timeToFirstStepMs,
  }
}

/** Writes what {@link runTrainPlan} measured into `result`, with the spec's output fields. */
export function recordTrainOutcome(result: BenchResult, plan: TrainPlan, out: TrainOutcome): void {
  if (plan.metric === 'steps_per_s') result.steps_per_s = roundTo(out.stepsPerS, 5)
  result.samples_per_s = roundTo(out.samplesPerS, 5)
  result.test_acc = out.testAcc
  result.last_loss = out.lastLoss
  result.first_loss = out.firstLoss
  result.time_to_first_step_ms = roundTo(out.timeToFirstStepMs, 4)
}
