import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import { Generator } from './generator'
import { permutation } from './permutation'

describe('permutation', () => {
  it('is a permutation of 0…n−1, reproducible per seed', () => {
    const p = permutation(1000, new Generator(1))
    expect(p).toBeInstanceOf(Int32Array)
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i))
    expect(permutation(1000, new Generator(1))).toEqual(p)
    expect(permutation(1000, new Generator(2))).not.toEqual(p)
    expect(Array.from(permutation(0))).toEqual([])
    expect(Array.from(permutation(1))).toEqual([0])
  })

  it('draws all 24 orders of 4 items equally often (chi-square)', () => {
    const g = new Generator(3)
    const counts = new Map<string, number>()
    const n = 48000
    for (let i = 0; i < n; i++) {
      const key = permutation(4, g).join('')
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    expect(counts.size).toBe(24)
    const e = n / 24
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - e) ** 2 / e, 0)
    expect(chi2).toBeLessThan(49.7) // 0.999 quantile of chi-square with 23 degrees of freedom
  })

  it('puts every item at every position with probability 1/n', () => {
    const g = new Generator(4)
    const n = 10
    const trials = 20000
    const at = Array.from({ length: n }, () => new Array<number>(n).fill(0))
    for (let t = 0; t < trials; t++) {
      const p = permutation(n, g)
      for (let pos = 0; pos < n; pos++) at[p[pos]!]![pos]!++
    }
    const worst = Math.max(...at.flat().map((c) => Math.abs(c / trials - 1 / n)))
    expect(worst).toBeLessThan(0.0115) // 5 standard errors of a frequency near 0.1
  })

  it('rejects bad sizes', () => {
    expect(() => permutation(-1)).toThrow(ArgumentError)
    expect(() => permutation(1.5)).toThrow(/integer in \[0, 2\^31 − 1\]/)
  })
})
