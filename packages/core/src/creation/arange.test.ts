import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import { arange } from './arange'

describe('arange', () => {
  it('counts from 0 with one argument, and from start by step', () => {
    expect(Array.from(arange(5).data)).toEqual([0, 1, 2, 3, 4])
    expect(Array.from(arange(2, 8, 2).data)).toEqual([2, 4, 6])
    expect(Array.from(arange(3, 0, -1).data)).toEqual([3, 2, 1])
    expect(Array.from(arange(1, 2, 0.25).data)).toEqual([1, 1.25, 1.5, 1.75])
    expect(arange(2, 2).size).toBe(0)
  })

  it('has ⌈(end − start) / step⌉ values computed as start + i·step', () => {
    const t = arange(0, 1, 0.1)
    expect(t.size).toBe(10)
    expect(t.data[7]).toBe(Math.fround(0.7000000000000001))
    expect(arange(0, 0.3, 0.1).size).toBe(3)
  })

  it('makes int32 ranges', () => {
    const t = arange(-2, 3, 1, { dtype: 'int32' })
    expect(t.dtype).toBe('int32')
    expect(Array.from(t.data)).toEqual([-2, -1, 0, 1, 2])
  })

  it('rejects a zero or backwards step and non-finite bounds', () => {
    expect(() => arange(0, 5, 0)).toThrow(ArgumentError)
    expect(() => arange(0, 5, -1)).toThrow(/points away from end/)
    expect(() => arange(Number.POSITIVE_INFINITY)).toThrow(/end must be a finite number/)
    expect(() => arange(0, 1e300, 1e-300)).toThrow(ArgumentError)
  })
})
