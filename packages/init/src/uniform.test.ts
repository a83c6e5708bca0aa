import { ArgumentError, Generator, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { matchesMoments, sampleStats } from '../test/stats'
import { uniform } from './uniform'

describe('uniform', () => {
  it('draws U(a, b): mean (a + b)/2, std (b − a)/√12, inside [a, b)', () => {
    const s = sampleStats(uniform(-0.5, 2)(zeros([200_000]), new Generator(1)).data)
    expect(matchesMoments(s, 0.75, 2.5 / Math.sqrt(12))).toBe(true)
    expect(s.min).toBeGreaterThanOrEqual(-0.5)
    expect(s.max).toBeLessThan(2)
    expect(s.min).toBeLessThan(-0.49)
    expect(s.max).toBeGreaterThan(1.99)
    expect(uniform().distribution([3])).toEqual({ kind: 'uniform', low: 0, high: 1 })
    expect(uniform(1, 2).label).toBe('uniform(1, 2)')
  })

  it('refuses reversed or non-finite bounds', () => {
    expect(() => uniform(2, 1)).toThrow('uniform: expected a <= b, got a=2, b=1')
    expect(() => uniform(0, Number.POSITIVE_INFINITY)).toThrow(ArgumentError)
  })
})
