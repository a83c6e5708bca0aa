import { describe, expect, it } from 'vitest'
import { ArgumentError, DTypeError } from '../errors'
import { Tensor } from '../tensor'
import { Generator } from './generator'
import { uniform, uniform_ } from './uniform'

const floats = (n: number) => new Tensor(new Float32Array(n), [n])

describe('uniform', () => {
  it('has mean (low+high)/2 and variance (high−low)²/12, inside [low, high)', () => {
    const g = new Generator(1)
    const n = 100000
    let s = 0
    let s2 = 0
    let outside = 0
    for (let i = 0; i < n; i++) {
      const v = uniform(-3, 5, g)
      if (v < -3 || v >= 5) outside++
      s += v
      s2 += v * v
    }
    const mean = s / n
    expect(outside).toBe(0)
    expect(Math.abs(mean - 1)).toBeLessThan(0.04) // 5 standard errors (σ = 8/√12)
    expect(Math.abs(s2 / n - mean * mean - 64 / 12)).toBeLessThan(0.06)
  })

  it('is reproducible per seed, and uniform_ fills with the same stream', () => {
    const a = Array.from({ length: 5 }, (_, i) => uniform(0, i + 1, new Generator(3)))
    const b = Array.from({ length: 5 }, (_, i) => uniform(0, i + 1, new Generator(3)))
    expect(a).toEqual(b)
    const g = new Generator(4)
    const expected = Float32Array.from({ length: 6 }, () => uniform(2, 4, g))
    const t = uniform_(floats(6), 2, 4, new Generator(4))
    expect(t.data).toEqual(expected)
  })

  it('uniform_ never stores high, even when float32 rounding would reach it', () => {
    const up = 1 + 2 ** -23 // the float32 just above 1
    const t = uniform_(floats(1000), 1, up, new Generator(1))
    expect(t.data.every((v) => v === 1)).toBe(true)
    const neg = uniform_(floats(1000), -1 - 2 ** -23, -1, new Generator(2))
    expect(neg.data.every((v) => v === -1 - 2 ** -23)).toBe(true)
    const zero = uniform_(floats(1000), -(2 ** -149), 0, new Generator(3))
    expect(zero.data.every((v) => v === -(2 ** -149))).toBe(true)
  })

  it('gives low when low equals high', () => {
    expect(uniform(2, 2, new Generator(1))).toBe(2)
    expect(Array.from(uniform_(floats(3), 2, 2).data)).toEqual([2, 2, 2])
  })

  it('rejects bad bounds and int32 tensors', () => {
    expect(() => uniform(1, 0)).toThrow(ArgumentError)
    expect(() => uniform(0, Number.POSITIVE_INFINITY)).toThrow(/high must be a finite number/)
    expect(() => uniform(-1e308, 1e308)).toThrow(/finite width/)
    expect(() => uniform(Number.NaN, 1)).toThrow(ArgumentError)
    expect(() => uniform_(new Tensor(new Int32Array(2), [2]))).toThrow(DTypeError)
  })
})
