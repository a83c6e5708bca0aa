import { ArgumentError, Generator, Parameter, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { resetAffine } from './default-init'

function stats(values: ArrayLike<number>) {
  let sum = 0
  let sq = 0
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    sum += v
    sq += v * v
    lo = Math.min(lo, v)
    hi = Math.max(hi, v)
  }
  const mean = sum / values.length
  return { mean, std: Math.sqrt(sq / values.length - mean * mean), lo, hi }
}

describe('resetAffine (PyTorch default init of Linear and Conv2d)', () => {
  it('draws weight and bias from U(±1/√fanIn)', () => {
    const weight = new Parameter(zeros([400, 250]))
    const bias = new Parameter(zeros([4000]))
    resetAffine(weight, bias, 250, new Generator(1))
    const bound = 1 / Math.sqrt(250)
    for (const t of [weight, bias]) {
      const s = stats(t.data)
      expect(s.lo).toBeGreaterThanOrEqual(-bound)
      expect(s.hi).toBeLessThan(bound)
      expect(s.hi - s.lo).toBeGreaterThan(1.99 * bound)
      // U(−b, b): mean 0, std b/√3; standard errors are about b/√(3n).
      expect(Math.abs(s.mean)).toBeLessThan((5 * bound) / Math.sqrt(3 * t.size))
      expect(Math.abs(s.std / (bound / Math.sqrt(3)) - 1)).toBeLessThan(0.05)
    }
  })

  it('is reproducible with a generator and leaves a missing bias alone', () => {
    const a = new Parameter(zeros([3, 5]))
    const b = new Parameter(zeros([3, 5]))
    resetAffine(a, null, 5, new Generator(7))
    resetAffine(b, null, 5, new Generator(7))
    expect(Array.from(a.data)).toEqual(Array.from(b.data))
  })

  it('gives zeros for fanIn 0 and refuses a bad fanIn', () => {
    const w = new Parameter(zeros([2, 0]))
    const bias = new Parameter(zeros([2]).fill_(3))
    resetAffine(w, bias, 0)
    expect(Array.from(bias.data)).toEqual([0, 0])
    expect(() => resetAffine(w, null, -1)).toThrow(ArgumentError)
    expect(() => resetAffine(w, null, 1.5)).toThrow(/fanIn must be a non-negative integer, got 1.5/)
  })
})
