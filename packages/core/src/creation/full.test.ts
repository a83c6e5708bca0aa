import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import { full, fullLike } from './full'
import { tensor } from './tensor'

describe('full', () => {
  it('fills with a value', () => {
    expect(Array.from(full([2, 2], 0.5).data)).toEqual([0.5, 0.5, 0.5, 0.5])
    expect(full([], -3).item()).toBe(-3)
    expect(Number.isNaN(full([1], Number.NaN).item())).toBe(true)
  })

  it('truncates toward zero for int32 and refuses values outside int32', () => {
    expect(Array.from(full([2], -2.7, { dtype: 'int32' }).data)).toEqual([-2, -2])
    expect(() => full([2], 1e10, { dtype: 'int32' })).toThrow(/does not fit in int32/)
    expect(() => full([2], Number.POSITIVE_INFINITY, { dtype: 'int32' })).toThrow(ArgumentError)
  })

  it('fullLike copies shape and dtype', () => {
    const f = fullLike(tensor(Int32Array.of(1, 2, 3)), 7.9)
    expect(f.dtype).toBe('int32')
    expect(Array.from(f.data)).toEqual([7, 7, 7])
    expect(fullLike(tensor([[1, 2]]), 0.25).toArray()).toEqual([[0.25, 0.25]])
  })

  it('rejects a fill value that is not a number', () => {
    expect(() => full([1], '1' as unknown as number)).toThrow(/fill value must be a number/)
  })
})
