import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import { beta } from './beta'
import { Generator } from './generator'

describe('beta', () => {
  it.each([
    [0.2, 0.2],
    [1, 1],
    [2, 5],
    [0.4, 3],
    [30, 10],
  ])('Beta(%s, %s): in [0, 1] with mean a/(a+b) and variance ab/((a+b)²(a+b+1))', (a, b) => {
    const g = new Generator(17)
    const n = 100000
    const xs = Float64Array.from({ length: n }, () => beta(a, b, g))
    expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true)
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
    const wantMean = a / (a + b)
    const wantVar = (a * b) / ((a + b) ** 2 * (a + b + 1))
    expect(Math.abs(mean - wantMean)).toBeLessThan(5 * Math.sqrt(wantVar / n))
    expect(Math.abs(variance - wantVar)).toBeLessThan(5 * Math.sqrt((m4 / n - variance ** 2) / n))
  })

  it('stays defined for tiny shapes (both gammas underflow)', () => {
    const g = new Generator(18)
    const xs = Array.from({ length: 20000 }, () => beta(0.005, 0.005, g))
    expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true)
    const nearEnds = xs.filter((x) => x < 1e-6 || x > 1 - 1e-6).length
    // P(x < ε) = P(x > 1 − ε) ≈ ε^a / (a·B(a, a)) with a·B(a, a) ≈ 2 for small a: ε^a in all.
    expect(Math.abs(nearEnds / xs.length - 1e-6 ** 0.005)).toBeLessThan(0.01)
    const high = xs.filter((x) => x > 0.5).length / xs.length
    expect(Math.abs(high - 0.5)).toBeLessThan(0.02)
  })

  it('rejects non-positive parameters', () => {
    expect(() => beta(0, 1)).toThrow(ArgumentError)
    expect(() => beta(1, -2)).toThrow(/b must be a finite number above 0, got -2/)
  })
})
