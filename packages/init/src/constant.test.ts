import { ArgumentError, zeros as zerosTensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { constant, ones, zeros } from './constant'

describe('constant, zeros, ones', () => {
  it('fill with one value', () => {
    expect(Array.from(constant(0.25)(zerosTensor([3])).data)).toEqual([0.25, 0.25, 0.25])
    expect(Array.from(ones()(zerosTensor([2, 2])).data)).toEqual([1, 1, 1, 1])
    expect(Array.from(zeros()(zerosTensor([2]).fill_(5)).data)).toEqual([0, 0])
    expect(zeros().label).toBe('zeros')
  })

  it('refuses a non-finite value', () => {
    expect(() => constant(Number.NaN)).toThrow(ArgumentError)
  })
})
