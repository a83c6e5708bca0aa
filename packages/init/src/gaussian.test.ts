import { ArgumentError, Generator, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { matchesMoments, sampleStats } from '../test/stats'
import { gaussian } from './gaussian'

describe('gaussian', () => {
  it('draws N(0, 1/n) with n the fan-in, or the fan-out', () => {
    const w = gaussian()(zeros([400, 500]), new Generator(4))
    expect(matchesMoments(sampleStats(w.data), 0, 1 / Math.sqrt(500))).toBe(true)
    expect(gaussian({ mode: 'fanOut' }).distribution([40, 8, 3, 3])).toEqual({
      kind: 'normal',
      mean: 0,
      std: 1 / Math.sqrt(360),
    })
  })

  it('refuses a bias (no fans)', () => {
    expect(() => gaussian()(zeros([10]))).toThrow(ArgumentError)
  })
})
