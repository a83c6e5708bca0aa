import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { inverseSqrt } from './inverse-sqrt'

describe('inverseSqrt', () => {
  it('warms up linearly to initial, then decays as initial·√(w/n)', () => {
    const initial = 0.002
    const w = 8
    const s = inverseSqrt({ initial, warmupSteps: w })
    for (let t = 0; t < w; t++) expect(s(t)).toBeCloseTo((initial * (t + 1)) / w, 15)
    expect(s(w - 1)).toBe(initial)
    for (const t of [8, 9, 31, 799, 10_000]) {
      expect(s(t)).toBeCloseTo(initial * Math.sqrt(w / (t + 1)), 15)
    }
    expect(s(4 * w - 1)).toBeCloseTo(initial / 2, 15)
  })

  it('decays as initial/√(t+1) without warmup', () => {
    const s = inverseSqrt({ initial: 1, warmupSteps: 0 })
    expect([0, 3, 99].map(s)).toEqual([1, 0.5, 0.1])
  })

  it('rejects a fractional warmup', () => {
    expect(() => inverseSqrt({ initial: 1, warmupSteps: 2.5 })).toThrow(ArgumentError)
  })
})
