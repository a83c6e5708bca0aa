import { describe, expect, it } from 'vitest'
import { DTypeError } from '../errors'
import { manualSeed } from '../random/default-generator'
import { Generator } from '../random/generator'
import { rand, randLike } from './rand'
import { zeros } from './zeros'

describe('rand', () => {
  it('gives the generator’s nextFloat stream in [0, 1)', () => {
    const t = rand([3, 4], { generator: new Generator(5) })
    const g = new Generator(5)
    expect(Array.from(t.data)).toEqual(Array.from({ length: 12 }, () => g.nextFloat()))
    expect(t.shape).toEqual([3, 4])
    const big = rand(50000, { generator: new Generator(6) })
    expect(big.data.every((v) => v >= 0 && v < 1)).toBe(true)
    let s = 0
    for (const v of big.data) s += v
    expect(Math.abs(s / big.size - 0.5)).toBeLessThan(0.007)
  })

  it('uses the default generator, reproducibly after manualSeed', () => {
    manualSeed(10)
    const a = rand([5])
    manualSeed(10)
    expect(rand([5]).data).toEqual(a.data)
    expect(rand([5]).data).not.toEqual(a.data)
  })

  it('randLike copies the shape; int32 needs an explicit float32 dtype', () => {
    const like = zeros([2, 3])
    expect(randLike(like, { generator: new Generator(1) }).shape).toEqual([2, 3])
    const labels = zeros([4], { dtype: 'int32' })
    expect(() => randLike(labels)).toThrow(DTypeError)
    expect(randLike(labels, { dtype: 'float32' }).dtype).toBe('float32')
    expect(() => rand([2], { dtype: 'int32' })).toThrow(/dtype must be float32/)
    expect(rand([2], { requiresGrad: true }).requiresGrad).toBe(true)
  })
})
