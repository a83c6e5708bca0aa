import { describe, expect, it } from 'vitest'
import { matmulInputs, median, runMatmulPlan, sampledRelErr, uniformMatrix } from './matmul-bench'

function naiveProduct(a: Float32Array, b: Float32Array, n: number): Float32Array {
  const c = new Float32Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let k = 0; k < n; k++) s += a[i * n + k]! * b[k * n + j]!
      c[i * n + j] = s
    }
  }
  return c
}

describe('matmul inputs and check', () => {
  it('draws entries in [-1, 1), the same for every call', () => {
    const m = uniformMatrix(16, 3)
    expect(m.every((v) => v >= -1 && v < 1)).toBe(true)
    expect(uniformMatrix(16, 3)).toEqual(m)
    const { a, b } = matmulInputs(8)
    expect(a).not.toEqual(b)
  })

  it('measures a correct product as float32-accurate and a wrong one as wrong', () => {
    const n = 24
    const { a, b } = matmulInputs(n)
    const c = naiveProduct(a, b, n)
    expect(sampledRelErr(a, b, c, n)).toBeLessThan(1e-4)
    const wrong = c.map((v) => v * 1.01)
    expect(sampledRelErr(a, b, wrong, n)).toBeGreaterThan(0.009)
  })

  it('takes the median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })
})

describe('runMatmulPlan', () => {
  it('runs warm-up and timed reps and turns the median time into GFLOP/s', () => {
    const n = 8
    const { a, b } = matmulInputs(n)
    const c = naiveProduct(a, b, n)
    let t = 0
    let calls = 0
    const durations = [5, 5, 2, 4, 3] // ms: two warm-ups (untimed), then three timed reps
    const out = runMatmulPlan(
      { workload: 'W3_matmul_n8', n, reps: 3, warmupReps: 2 },
      a,
      b,
      () => {
        t += durations[calls++]!
        return c
      },
      () => t,
    )
    expect(calls).toBe(5)
    expect(out.gflops).toBeCloseTo((2 * n ** 3) / 0.003 / 1e9, 12)
    expect(out.checkRelErr).toBeLessThan(1e-5)
  })
})
