import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import { eye } from './eye'

describe('eye', () => {
  it('makes square and rectangular identity matrices', () => {
    expect(eye(3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ])
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ])
    expect(eye(3, 2).toArray()).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
    ])
    expect(eye(0).shape).toEqual([0, 0])
    expect(eye(2, 2, { dtype: 'int32' }).dtype).toBe('int32')
  })

  it('rejects bad sizes', () => {
    expect(() => eye(-1)).toThrow(ArgumentError)
    expect(() => eye(2, 1.5)).toThrow(/^eye: invalid shape \[2,1.5\]/)
  })
})
