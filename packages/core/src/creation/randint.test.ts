import { describe, expect, it } from 'vitest'
import { ArgumentError, DTypeError } from '../errors'
import { Generator } from '../random/generator'
import { randomInt } from '../random/random-int'
import { randint } from './randint'

describe('randint', () => {
  it('gives int32 values in [low, high) from the randomInt stream', () => {
    const t = randint(-2, 5, [4, 5], { generator: new Generator(3) })
    expect(t.dtype).toBe('int32')
    expect(t.shape).toEqual([4, 5])
    const g = new Generator(3)
    expect(Array.from(t.data)).toEqual(Array.from({ length: 20 }, () => randomInt(-2, 5, g)))
  })

  it('covers the range uniformly', () => {
    const t = randint(0, 10, 50000, { generator: new Generator(4) })
    const counts = new Array<number>(10).fill(0)
    for (const v of t.data) counts[v]!++
    const e = t.size / 10
    const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0)
    expect(chi2).toBeLessThan(27.9) // 0.999 quantile of chi-square with 9 degrees of freedom
  })

  it('spans the whole int32 range and can produce float32', () => {
    const t = randint(-(2 ** 31), 2 ** 31, 1000, { generator: new Generator(5) })
    expect(t.data.some((v) => v < -(2 ** 30))).toBe(true)
    expect(t.data.some((v) => v > 2 ** 30)).toBe(true)
    expect(randint(0, 3, [2], { dtype: 'float32' }).dtype).toBe('float32')
  })

  it('rejects bad bounds and int32 gradients', () => {
    expect(() => randint(5, 5, [1])).toThrow(ArgumentError)
    expect(() => randint(0, 2 ** 31 + 1, [1])).toThrow(/does not fit in int32/)
    expect(() => randint(0, 1.5, [1])).toThrow(/low < high/)
    expect(() => randint(0, 2, [1], { requiresGrad: true })).toThrow(DTypeError)
  })
})
