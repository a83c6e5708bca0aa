import { Generator, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { matchesMoments, sampleStats } from '../test/stats'
import { lecunNormal, lecunUniform } from './lecun'

describe('lecunNormal', () => {
  it('has variance 1/fanIn after truncation at two raw stds', () => {
    const init = lecunNormal()
    const w = init(zeros([250, 800]), new Generator(5))
    const s = sampleStats(w.data)
    expect(matchesMoments(s, 0, Math.sqrt(1 / 800))).toBe(true)
    const d = init.distribution([250, 800])
    if (d.kind !== 'truncatedNormal') throw new Error(`unexpected ${d.kind}`)
    expect(d.high).toBeCloseTo((2 * Math.sqrt(1 / 800)) / 0.87962566103423978, 12)
    expect(s.max).toBeLessThanOrEqual(d.high)
    expect(s.min).toBeGreaterThanOrEqual(d.low)
  })
})

describe('lecunUniform', () => {
  it('draws U(±√(3/fanIn))', () => {
    const bound = Math.sqrt(3 / (16 * 9))
    const w = lecunUniform()(zeros([2000, 16, 3, 3]), new Generator(6))
    const s = sampleStats(w.data)
    expect(matchesMoments(s, 0, bound / Math.sqrt(3))).toBe(true)
    expect(s.max).toBeLessThan(bound)
    expect(s.min).toBeGreaterThanOrEqual(-bound)
    expect(s.max).toBeGreaterThan(0.99 * bound)
  })
})
