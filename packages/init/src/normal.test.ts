import { ArgumentError, Generator, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { matchesMoments, sampleStats } from '../test/stats'
import { normal } from './normal'

describe('normal', () => {
  it('draws N(mean, std²)', () => {
    const s = sampleStats(normal(0.3, 0.05)(zeros([200_000]), new Generator(2)).data)
    expect(matchesMoments(s, 0.3, 0.05)).toBe(true)
    expect(normal().distribution([2, 2])).toEqual({ kind: 'normal', mean: 0, std: 1 })
  })

  it('refuses a negative std', () => {
    expect(() => normal(0, -1)).toThrow('normal: std must be ≥ 0, got -1')
    expect(() => normal(Number.NaN)).toThrow(ArgumentError)
  })
})
