import { describe, expect, it } from 'vitest'
import type { MatmulOptions } from '../backend'
import { jsMatmul } from './matmul'

const values = (n: number, seed: number) =>
  Float32Array.from(
    { length: n },
    (_, i) => ((Math.sin(seed * 97.1 + i * 12.9898) * 43758.5453) % 1) * 2,
  )

/** Triple loop over the logical matrices, in float64; also returns Σ|a·b| for the tolerance. */
function reference(
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
  offA = 0,
  offB = 0,
): { value: Float64Array; scale: Float64Array } {
  const value = new Float64Array(m * n)
  const scale = new Float64Array(m * n)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) {
        const x = a[offA + (transA ? p * m + i : i * k + p)]!
        const y = b[offB + (transB ? j * k + p : p * n + j)]!
        value[i * n + j]! += x * y
        scale[i * n + j]! += Math.abs(x * y)
      }
    }
  }
  return { value, scale }
}

function expectClose(got: Float32Array, offset: number, want: Float64Array, scale: Float64Array) {
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[offset + i]! - want[i]!)
    if (err > 1e-6 + 1e-5 * scale[i]!) {
      throw new Error(`element ${i}: got ${got[offset + i]}, want ${want[i]}`)
    }
  }
}

// Edge sizes: 1, odd, primes, and sizes that straddle the 4-wide panels and the 64/256 blocks.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 5],
  [3, 1, 2],
  [5, 3, 1],
  [13, 17, 19],
  [4, 4, 4],
  [31, 29, 37],
  [67, 5, 300],
  [65, 261, 33],
  [2, 263, 257],
  [130, 71, 513],
]

describe('jsMatmul', () => {
  for (const [m, n, k] of shapes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        it(`matches the triple loop for ${m}×${k}·${k}×${n} (transA ${transA}, transB ${transB})`, () => {
          const a = values(m * k, m + k)
          const b = values(k * n, n - k)
          const out = new Float32Array(m * n).fill(Number.NaN)
          jsMatmul(a, b, out, { m, n, k, transA, transB })
          const { value, scale } = reference(a, b, m, n, k, transA, transB)
          expectClose(out, 0, value, scale)
        })
      }
    }
  }

  it('accumulates into out instead of overwriting it', () => {
    for (const [m, n, k] of [
      [3, 4, 5],
      [40, 50, 60],
    ] as const) {
      const a = values(m * k, 1)
      const b = values(k * n, 2)
      const start = values(m * n, 3)
      const out = start.slice()
      jsMatmul(a, b, out, { m, n, k, accumulate: true })
      const { value, scale } = reference(a, b, m, n, k, false, false)
      for (let i = 0; i < value.length; i++) value[i]! += start[i]!
      expectClose(out, 0, value, scale)
    }
  })

  it('runs a batch with strides and offsets, reusing a matrix with stride 0', () => {
    const [m, n, k, batch] = [6, 5, 70, 3]
    const a = values(7 + batch * m * k, 4)
    const b = values(3 + k * n, 5)
    const out = new Float32Array(2 + batch * (m * n + 1)).fill(-7)
    const options: MatmulOptions = {
      m,
      n,
      k,
      batch,
      transB: true,
      offsetA: 7,
      offsetB: 3,
      offsetOut: 2,
      strideB: 0,
      strideOut: m * n + 1,
    }
    jsMatmul(a, b, out, options)
    for (let t = 0; t < batch; t++) {
      const { value, scale } = reference(a, b, m, n, k, false, true, 7 + t * m * k, 3)
      expectClose(out, 2 + t * (m * n + 1), value, scale)
      expect(out[2 + t * (m * n + 1) + m * n]).toBe(-7)
    }
    expect(out[0]).toBe(-7)
    expect(out[1]).toBe(-7)
  })

  it('sums a batch into one matrix with strideOut 0 and accumulate', () => {
    for (const [m, n, k] of [
      [2, 3, 4],
      [33, 34, 35],
    ] as const) {
      const batch = 4
      const a = values(batch * m * k, 6)
      const b = values(batch * k * n, 7)
      const out = new Float32Array(m * n)
      jsMatmul(a, b, out, { m, n, k, batch, transA: true, strideOut: 0, accumulate: true })
      const want = new Float64Array(m * n)
      const scale = new Float64Array(m * n)
      for (let t = 0; t < batch; t++) {
        const r = reference(a, b, m, n, k, true, false, t * m * k, t * k * n)
        for (let i = 0; i < want.length; i++) {
          want[i]! += r.value[i]!
          scale[i]! += r.scale[i]!
        }
      }
      expectClose(out, 0, want, scale)
    }
  })

  it('writes zeros for an empty inner dimension and leaves empty results alone', () => {
    const out = new Float32Array(6).fill(5)
    jsMatmul(new Float32Array(0), new Float32Array(0), out, { m: 2, n: 3, k: 0 })
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0])
    out.fill(5)
    jsMatmul(new Float32Array(0), new Float32Array(0), out, { m: 2, n: 3, k: 0, accumulate: true })
    expect(Array.from(out)).toEqual([5, 5, 5, 5, 5, 5])
    jsMatmul(new Float32Array(0), values(12, 1), out, { m: 0, n: 3, k: 4 })
    expect(Array.from(out)).toEqual([5, 5, 5, 5, 5, 5])
  })
})
