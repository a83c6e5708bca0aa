import { describe, expect, it } from 'vitest'
import { DTypeError } from '../errors'
import { Generator } from '../random/generator'
import { randn, randnLike } from './randn'
import { zeros } from './zeros'

describe('randn', () => {
  it('gives standard normals with the generator’s nextNormal stream', () => {
    const t = randn([2, 3], { generator: new Generator(4) })
    const g = new Generator(4)
    expect(Array.from(t.data)).toEqual(Array.from({ length: 6 }, () => Math.fround(g.nextNormal())))
    const big = randn(100000, { generator: new Generator(5) })
    let s = 0
    let s2 = 0
    for (const v of big.data) {
      s += v
      s2 += v * v
    }
    const mean = s / big.size
    expect(Math.abs(mean)).toBeLessThan(0.016)
    expect(Math.abs(s2 / big.size - mean * mean - 1)).toBeLessThan(0.022)
  })

  it('is identical however the draws are split (same seed → same bits)', () => {
    const whole = randn(7, { generator: new Generator(8) })
    const g = new Generator(8)
    const parts = [...randn(3, { generator: g }).data, ...randn(4, { generator: g }).data]
    expect(parts).toEqual(Array.from(whole.data))
  })

  it('randnLike copies the shape and refuses int32', () => {
    expect(randnLike(zeros([3, 1])).shape).toEqual([3, 1])
    expect(() => randnLike(zeros([3], { dtype: 'int32' }))).toThrow(DTypeError)
  })
})
