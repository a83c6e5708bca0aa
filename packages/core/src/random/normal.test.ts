import { describe, expect, it } from 'vitest'
import { ArgumentError, DTypeError } from '../errors'
import { Tensor } from '../tensor'
import { Generator } from './generator'
import { normal, normal_ } from './normal'

const floats = (n: number) => new Tensor(new Float32Array(n), [n])

describe('normal', () => {
  it('has the requested mean and variance', () => {
    const g = new Generator(8)
    const n = 100000
    let s = 0
    let s2 = 0
    for (let i = 0; i < n; i++) {
      const v = normal(3, 2, g)
      s += v
      s2 += v * v
    }
    const mean = s / n
    expect(Math.abs(mean - 3)).toBeLessThan(0.032) // 5 standard errors
    expect(Math.abs(s2 / n - mean * mean - 4)).toBeLessThan(0.09)
  })

  it('gives the same values however the draws are split between calls (the spare is kept)', () => {
    const whole = normal_(floats(8), 0, 1, new Generator(21)).data
    const g = new Generator(21)
    const first = normal_(floats(5), 0, 1, g).data
    const second = normal_(floats(3), 0, 1, g).data
    expect([...first, ...second]).toEqual(Array.from(whole))
    const h = new Generator(21)
    expect(Math.fround(normal(0, 1, h))).toBe(whole[0])
    expect(Math.fround(normal(0, 1, h))).toBe(whole[1])
  })

  it('returns the mean for std 0 and rejects bad parameters', () => {
    expect(normal(1.5, 0, new Generator(1))).toBe(1.5)
    expect(() => normal(0, -1)).toThrow(ArgumentError)
    expect(() => normal(Number.NaN, 1)).toThrow(/mean must be a finite number/)
    expect(() => normal_(new Tensor(new Int32Array(2), [2]))).toThrow(DTypeError)
  })
})
