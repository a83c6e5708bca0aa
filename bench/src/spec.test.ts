import { describe, expect, it } from 'vitest'
import { loadSpec, matmulPlans, QUICK_TIMED_STEPS, trainPlan, workloadNames } from './spec'

const spec = loadSpec()

describe('spec plans', () => {
  it('lists the four workloads in order', () => {
    expect(workloadNames(spec)).toEqual(['W1_mlp', 'W2_cnn', 'W3_matmul', 'W4_mlp_b8'])
  })

  it('runs epochs · steps_per_epoch steps of a training workload', () => {
    const p = trainPlan(spec, 'W1_mlp')
    expect(p).toMatchObject({ batch: 128, warmupSteps: 62, timedSteps: 186, totalSteps: 248 })
    expect(trainPlan(spec, 'W2_cnn').totalSteps).toBe(250)
    expect(trainPlan(spec, 'W4_mlp_b8')).toMatchObject({ totalSteps: 2000, metric: 'steps_per_s' })
  })

  it('cuts a quick plan to its warm-up and timed steps', () => {
    const p = trainPlan(spec, 'W1_mlp', true)
    expect(p.timedSteps).toBe(QUICK_TIMED_STEPS)
    expect(p.totalSteps).toBe(p.warmupSteps + p.timedSteps)
  })

  it('names one matmul plan per size', () => {
    const plans = matmulPlans(spec, 'W3_matmul')
    expect(plans.map((p) => p.workload)).toEqual([
      'W3_matmul_n128',
      'W3_matmul_n256',
      'W3_matmul_n512',
      'W3_matmul_n1024',
    ])
    expect(plans[3]).toMatchObject({ n: 1024, reps: 7, warmupReps: 2 })
  })

  it('refuses unknown workloads and the wrong kind', () => {
    expect(() => trainPlan(spec, 'W9')).toThrow(/unknown workload 'W9'/)
    expect(() => trainPlan(spec, 'W3_matmul')).toThrow(/not training/)
    expect(() => matmulPlans(spec, 'W1_mlp')).toThrow(/not matmul/)
  })
})
