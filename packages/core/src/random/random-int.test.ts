import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import { Generator } from './generator'
import { randomInt } from './random-int'

describe('randomInt', () => {
  it('covers [low, high) uniformly (chi-square)', () => {
    const g = new Generator(6)
    const counts = new Array<number>(7).fill(0)
    const n = 70000
    for (let i = 0; i < n; i++) counts[randomInt(-3, 4, g) + 3]!++
    const chi2 = counts.reduce((s, c) => s + (c - n / 7) ** 2 / (n / 7), 0)
    expect(chi2).toBeLessThan(22.5) // 0.999 quantile of chi-square with 6 degrees of freedom
  })

  it('has no modulo bias on a range of 3·2³⁰', () => {
    // `u mod n` on a 32-bit u would put half the mass below 2³⁰ instead of a third.
    const g = new Generator(7)
    const n = 60000
    let low = 0
    for (let i = 0; i < n; i++) if (randomInt(0, 3 * 2 ** 30, g) < 2 ** 30) low++
    expect(Math.abs(low / n - 1 / 3)).toBeLessThan(0.01)
  })

  it('handles ranges beyond 2³² with all bits random', () => {
    const g = new Generator(8)
    const high = 3 * 2 ** 40
    let s = 0
    let odd = 0
    let outside = 0
    const n = 40000
    for (let i = 0; i < n; i++) {
      const v = randomInt(0, high, g)
      if (!(Number.isInteger(v) && v >= 0 && v < high)) outside++
      s += v
      odd += v % 2
    }
    expect(outside).toBe(0)
    expect(Math.abs(s / n / high - 0.5)).toBeLessThan(0.008)
    expect(Math.abs(odd / n - 0.5)).toBeLessThan(0.013)
    const wide = randomInt(-(2 ** 52), 2 ** 52 - 1, g)
    expect(wide >= -(2 ** 52) && wide < 2 ** 52 - 1).toBe(true)
  })

  it('returns low for a range of one, and full 32-bit ranges work', () => {
    expect(randomInt(5, 6, new Generator(1))).toBe(5)
    const g = new Generator(1)
    const v = randomInt(0, 2 ** 32, g)
    expect(v).toBe(new Generator(1).nextUint32())
  })

  it('rejects empty, non-integer and oversized ranges', () => {
    expect(() => randomInt(3, 3)).toThrow(ArgumentError)
    expect(() => randomInt(0, 2.5)).toThrow(/low < high/)
    expect(() => randomInt(-(2 ** 53 - 1), 2 ** 53 - 1)).toThrow(/exceeds 2\^53/)
  })
})
