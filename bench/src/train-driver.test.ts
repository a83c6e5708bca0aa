import { describe, expect, it } from 'vitest'
import type { BenchResult } from './result'
import type { TrainPlan } from './spec'
import { recordTrainOutcome, runTrainPlan, type StepRunner } from './train-driver'

const plan: TrainPlan = {
  workload: 'toy',
  model: 'mlp',
  batch: 4,
  stepsPerEpoch: 3,
  warmupSteps: 2,
  timedSteps: 4,
  totalSteps: 8,
  optimizer: { name: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  metric: 'samples_per_s',
}

/** A runner whose loss is 10 + step, on a clock that advances 1 ms per step. */
function fakeRunner(clock: { t: number }) {
  const calls: [number, boolean][] = []
  const runner: StepRunner = {
    step(row, read) {
      clock.t += 1
      calls.push([row, read])
      return read ? 10 + calls.length - 1 : null
    },
    evaluate: () => 0.5,
  }
  return { runner, calls }
}

describe('runTrainPlan', () => {
  it('cycles through the batches of an epoch and reads the loss only where needed', () => {
    const clock = { t: 0 }
    const { runner, calls } = fakeRunner(clock)
    runTrainPlan(plan, runner, 0, () => clock.t)
    expect(calls).toEqual([
      [0, true],
      [4, false],
      [8, false],
      [0, false],
      [4, false],
      [8, true],
      [0, false],
      [4, true],
    ])
  })

  it('times steps warmup … warmup + timed − 1 and reports first and last loss', () => {
    const clock = { t: 100 }
    const { runner } = fakeRunner(clock)
    const out = runTrainPlan(plan, runner, 99, () => clock.t)
    // 4 timed steps of 1 ms each: 1000 steps/s, 4000 samples/s
    expect(out.stepsPerS).toBeCloseTo(1000, 6)
    expect(out.samplesPerS).toBeCloseTo(4000, 6)
    expect(out.firstLoss).toBe(10)
    expect(out.lastLoss).toBe(17)
    expect(out.testAcc).toBe(0.5)
    expect(out.timeToFirstStepMs).toBe(2)
  })

  it('fails when a runner does not return a requested loss', () => {
    const runner: StepRunner = { step: () => null, evaluate: () => 0 }
    expect(() => runTrainPlan(plan, runner, 0)).toThrow(/step 0: the runner returned no loss/)
  })
})

describe('recordTrainOutcome', () => {
  const outcome = {
    samplesPerS: 1234.5678,
    stepsPerS: 154.3209,
    firstLoss: 2.5,
    lastLoss: 0.25,
    testAcc: 0.9,
    timeToFirstStepMs: 12.3456,
  }
  const blank = (): BenchResult => ({
    framework: 'knack',
    framework_version: '0',
    backend: 'js',
    workload: 'toy',
    test_acc: null,
    last_loss: null,
    threads: 1,
    notes: '',
  })

  it('writes the spec fields, rounded, and steps/s only for a steps_per_s workload', () => {
    const result = blank()
    recordTrainOutcome(result, plan, outcome)
    expect(result).toMatchObject({
      samples_per_s: 1234.6,
      test_acc: 0.9,
      last_loss: 0.25,
      first_loss: 2.5,
      time_to_first_step_ms: 12.35,
    })
    expect(result.steps_per_s).toBeUndefined()
    const perStep = blank()
    recordTrainOutcome(perStep, { ...plan, metric: 'steps_per_s' }, outcome)
    expect(perStep.steps_per_s).toBe(154.32)
  })
})
