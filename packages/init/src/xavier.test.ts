import { ArgumentError, Generator, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import fixture from '../fixtures/gains.json'
import { matchesMoments, sampleStats } from '../test/stats'
import { xavierNormal, xavierUniform } from './xavier'

const cases = fixture.bounds.filter((b) => b.scheme.startsWith('xavier'))

describe('xavierUniform and xavierNormal', () => {
  it.each(cases.map((c) => [`${c.scheme} ${c.shape.join('x')}`, c] as const))(
    '%s uses PyTorch’s bound or std',
    (_, c) => {
      const init = c.scheme === 'xavierUniform' ? xavierUniform(c.options) : xavierNormal(c.options)
      const d = init.distribution(c.shape)
      const got =
        d.kind === 'uniform' ? [d.low, d.high] : d.kind === 'normal' ? [d.mean, d.std] : []
      const want = 'uniform' in c ? c.uniform : c.normal
      expect(got).toHaveLength(2)
      for (let i = 0; i < 2; i++) {
        expect(Math.abs(got[i]! - want![i]!)).toBeLessThanOrEqual(1e-12)
      }
    },
  )

  it('samples match the formulas on a large weight', () => {
    const shape = [600, 400]
    const bound = 2 * Math.sqrt(6 / 1000)
    const u = sampleStats(xavierUniform({ gain: 2 })(zeros(shape), new Generator(7)).data)
    expect(matchesMoments(u, 0, bound / Math.sqrt(3))).toBe(true)
    expect(Math.max(-u.min, u.max)).toBeLessThanOrEqual(bound)
    expect(u.max).toBeGreaterThan(0.99 * bound)
    const n = sampleStats(xavierNormal()(zeros(shape), new Generator(8)).data)
    expect(matchesMoments(n, 0, Math.sqrt(2 / 1000))).toBe(true)
  })

  it('refuses a negative gain', () => {
    expect(() => xavierUniform({ gain: -1 })).toThrow(ArgumentError)
  })
})
