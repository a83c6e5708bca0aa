import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import { gamma } from './gamma'
import { Generator } from './generator'

/** Sample mean and variance with their standard errors. */
function moments(xs: Float64Array) {
  const n = xs.length
  let s = 0
  for (const x of xs) s += x
  const mean = s / n
  let m2 = 0
  let m4 = 0
  for (const x of xs) {
    const d = (x - mean) ** 2
    m2 += d
    m4 += d * d
  }
  const variance = m2 / n
  return {
    mean,
    variance,
    seMean: Math.sqrt(variance / n),
    seVariance: Math.sqrt(Math.max(m4 / n - variance * variance, 0) / n),
  }
}

describe('gamma', () => {
  it.each([0.3, 1, 2.5, 9])('shape %s, scale 2: mean kθ and variance kθ²', (k) => {
    const g = new Generator(12)
    const xs = Float64Array.from({ length: 100000 }, () => gamma(k, 2, g))
    const m = moments(xs)
    expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true)
    expect(Math.abs(m.mean - 2 * k)).toBeLessThan(5 * m.seMean)
    expect(Math.abs(m.variance - 4 * k)).toBeLessThan(5 * m.seVariance)
  })

  it('handles tiny shapes without NaN', () => {
    const g = new Generator(13)
    const xs = Float64Array.from({ length: 100000 }, () => gamma(0.01, 1, g))
    expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true)
    const m = moments(xs)
    expect(Math.abs(m.mean - 0.01)).toBeLessThan(5 * Math.sqrt(0.01 / xs.length))
  })

  it('is reproducible per seed', () => {
    const a = [gamma(0.5, 1, new Generator(1)), gamma(3, 1, new Generator(1))]
    const b = [gamma(0.5, 1, new Generator(1)), gamma(3, 1, new Generator(1))]
    expect(a).toEqual(b)
  })

  it('rejects non-positive parameters', () => {
    expect(() => gamma(0)).toThrow(ArgumentError)
    expect(() => gamma(1, -1)).toThrow(/scale must be a finite number above 0, got -1/)
    expect(() => gamma(Number.NaN)).toThrow(ArgumentError)
  })
})
