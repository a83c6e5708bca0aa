import { describe, expect, it } from 'vitest'
import { ArgumentError, DTypeError } from '../errors'
import { Tensor } from '../tensor'
import { Generator } from './generator'
import { truncNormal, truncNormal_ } from './trunc-normal'

/** Mean and variance of N(mean, std²) restricted to [a, b], by Simpson's rule on the density. */
function truncatedMoments(mean: number, std: number, a: number, b: number) {
  const alpha = (a - mean) / std
  const beta = (b - mean) / std
  const peak = Math.min(Math.max(0, alpha), beta)
  const lo = Math.max(alpha, peak - 40)
  const hi = Math.min(beta, peak + 40)
  const steps = 20000
  const h = (hi - lo) / steps
  let m0 = 0
  let m1 = 0
  let m2 = 0
  for (let i = 0; i <= steps; i++) {
    const z = lo + i * h
    const w = (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2) * Math.exp(-0.5 * (z * z - peak * peak))
    m0 += w
    m1 += w * z
    m2 += w * z * z
  }
  const mz = m1 / m0
  return { mean: mean + std * mz, variance: std * std * (m2 / m0 - mz * mz) }
}

const cases: [string, number, number, number, number][] = [
  ['central (PyTorch default bounds)', 0, 1, -2, 2],
  ['wide interval around the mean', 0, 1, -1, 3],
  ['narrow interval around the mean', 0, 1, -0.3, 0.5],
  ['absolute bounds with mean 5, std 2', 5, 2, 4, 12],
  ['one-sided upper tail', 0, 1, 3, Number.POSITIVE_INFINITY],
  ['one-sided lower tail', 0, 1, Number.NEGATIVE_INFINITY, -2.5],
  ['far tail, narrow', 0, 1, 10, 10.05],
  ['far tail, wide', 1, 0.5, 6, 9],
  ['mirrored tail interval', 0, 1, -4, -0.5],
  ['just above the mean', 0, 1, 0.1, 0.3],
]

describe('truncNormal', () => {
  it.each(cases)('%s: inside [a, b] with the truncated mean and variance', (_, mean, std, a, b) => {
    const g = new Generator(31)
    const n = 40000
    const t = truncNormal_(new Tensor(new Float32Array(n), [n]), mean, std, a, b, g)
    let s = 0
    let s2 = 0
    let outside = 0
    for (const v of t.data) {
      if (v < Math.fround(a) || v > Math.fround(b)) outside++
      s += v
      s2 += v * v
    }
    const sampleMean = s / n
    const sampleVar = s2 / n - sampleMean * sampleMean
    const want = truncatedMoments(mean, std, a, b)
    expect(outside).toBe(0)
    const sd = Math.sqrt(want.variance)
    expect(Math.abs(sampleMean - want.mean)).toBeLessThan((5 * sd) / Math.sqrt(n) + 1e-6)
    expect(Math.abs(sampleVar / want.variance - 1)).toBeLessThan(0.05)
  })

  it('agrees between the scalar and the fill, and per seed', () => {
    const g = new Generator(2)
    const scalars = Float32Array.from({ length: 50 }, () => truncNormal(0, 1, -1, 2, g))
    const t = truncNormal_(new Tensor(new Float32Array(50), [50]), 0, 1, -1, 2, new Generator(2))
    expect(t.data).toEqual(scalars)
  })

  it('does not stall on intervals far in the tail', () => {
    const g = new Generator(3)
    const t = truncNormal_(new Tensor(new Float32Array(1000), [1000]), 0, 1, 30, 30.001, g)
    expect(t.data.every((v) => v >= Math.fround(30) && v <= Math.fround(30.001))).toBe(true)
    expect(truncNormal(0, 1e-150, 1, 2, g)).toBeGreaterThanOrEqual(1)
  })

  it('returns the bound when a equals b', () => {
    expect(truncNormal(0, 1, 0.7, 0.7)).toBe(0.7)
    expect(Array.from(truncNormal_(new Tensor(new Float32Array(2), [2]), 0, 1, 3, 3).data)).toEqual(
      [3, 3],
    )
  })

  it('rejects bad parameters', () => {
    expect(() => truncNormal(0, 1, 2, 1)).toThrow(ArgumentError)
    expect(() => truncNormal(0, 1, 2, 1)).toThrow(/absolute values/)
    expect(() => truncNormal(0, 0)).toThrow(/std must be a finite number above 0/)
    expect(() => truncNormal(0, 1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toThrow(
      ArgumentError,
    )
    expect(() => truncNormal(0, 1, Number.NaN, 1)).toThrow(ArgumentError)
    expect(() => truncNormal(0, 1e-320, 1, 2)).toThrow(/overflows/)
    expect(() => truncNormal_(new Tensor(new Int32Array(2), [2]))).toThrow(DTypeError)
  })
})
