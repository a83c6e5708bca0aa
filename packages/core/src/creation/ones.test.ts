import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import { ones, onesLike } from './ones'
import { zeros } from './zeros'

describe('ones', () => {
  it('makes tensors of ones in float32 or int32', () => {
    expect(ones([2, 2]).toArray()).toEqual([
      [1, 1],
      [1, 1],
    ])
    const i = ones(3, { dtype: 'int32' })
    expect(i.dtype).toBe('int32')
    expect(Array.from(i.data)).toEqual([1, 1, 1])
  })

  it('onesLike copies shape and dtype', () => {
    const o = onesLike(zeros([2, 1], { dtype: 'int32' }))
    expect(o.shape).toEqual([2, 1])
    expect(o.dtype).toBe('int32')
    expect(Array.from(o.data)).toEqual([1, 1])
    expect(onesLike(zeros([1]), { requiresGrad: true }).requiresGrad).toBe(true)
  })

  it('names itself in errors', () => {
    expect(() => ones([-1])).toThrow(ArgumentError)
    expect(() => ones([-1])).toThrow(/^ones: invalid shape/)
  })
})
