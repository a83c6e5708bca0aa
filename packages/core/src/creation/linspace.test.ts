import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import { linspace } from './linspace'

describe('linspace', () => {
  it('spaces values evenly with both ends exact', () => {
    expect(Array.from(linspace(0, 1, 5).data)).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(Array.from(linspace(2, -2, 3).data)).toEqual([2, 0, -2])
    const t = linspace(-0.3, 0.7, 7)
    expect(t.data[0]).toBe(Math.fround(-0.3))
    expect(t.data[6]).toBe(Math.fround(0.7))
    expect(t.data[3]).toBeCloseTo(0.2, 6)
  })

  it('handles zero and one step', () => {
    expect(linspace(0, 1, 0).size).toBe(0)
    expect(Array.from(linspace(3, 9, 1).data)).toEqual([3])
  })

  it('makes int32 values by truncation', () => {
    expect(Array.from(linspace(0, 3, 4, { dtype: 'int32' }).data)).toEqual([0, 1, 2, 3])
    expect(Array.from(linspace(0, 1, 3, { dtype: 'int32' }).data)).toEqual([0, 0, 1])
  })

  it('rejects bad steps and bounds', () => {
    expect(() => linspace(0, 1, -1)).toThrow(ArgumentError)
    expect(() => linspace(0, 1, 2.5)).toThrow(/non-negative integer/)
    expect(() => linspace(0, Number.NaN, 3)).toThrow(/must be finite/)
  })
})
