import { describe, expect, it } from 'vitest'
import { ArgumentError, DTypeError } from '../errors'
import { tensor } from './tensor'
import { zeros, zerosLike } from './zeros'

describe('zeros', () => {
  it('makes zero tensors of a shape (a number means 1-d)', () => {
    const t = zeros([2, 3])
    expect(t.shape).toEqual([2, 3])
    expect(t.dtype).toBe('float32')
    expect(Array.from(t.data)).toEqual([0, 0, 0, 0, 0, 0])
    expect(zeros(4).shape).toEqual([4])
    expect(zeros([]).shape).toEqual([])
    expect(zeros([]).size).toBe(1)
    expect(zeros([3, 0]).size).toBe(0)
    expect(zeros([2], { dtype: 'int32' }).data).toBeInstanceOf(Int32Array)
    expect(zeros([2], { requiresGrad: true }).requiresGrad).toBe(true)
  })

  it('zerosLike copies shape and dtype, and options override', () => {
    const like = tensor(Int32Array.of(1, 2, 3, 4), { shape: [2, 2] })
    const z = zerosLike(like)
    expect(z.shape).toEqual([2, 2])
    expect(z.dtype).toBe('int32')
    expect(zerosLike(like, { dtype: 'float32' }).dtype).toBe('float32')
    expect(zerosLike(tensor([1, 2], { requiresGrad: true })).requiresGrad).toBe(false)
  })

  it('rejects bad shapes, huge sizes and int32 gradients with KnackErrors', () => {
    expect(() => zeros([2, -1])).toThrow(ArgumentError)
    expect(() => zeros([1.5])).toThrow(/invalid shape \[1.5\]/)
    expect(() => zeros([2 ** 20, 2 ** 20, 2 ** 20])).toThrow(/cannot allocate/)
    expect(() => zeros([2], { dtype: 'int32', requiresGrad: true })).toThrow(DTypeError)
  })
})
