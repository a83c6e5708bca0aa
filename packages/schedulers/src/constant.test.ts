import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { constant } from './constant'

describe('constant', () => {
  it('returns its value at every step', () => {
    const s = constant(0.03)
    expect([0, 1, 1e6].map(s)).toEqual([0.03, 0.03, 0.03])
  })

  it('rejects a non-finite value', () => {
    expect(() => constant(Number.NaN)).toThrow(ArgumentError)
  })
})
