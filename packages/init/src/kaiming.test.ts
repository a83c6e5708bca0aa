import { ArgumentError, Generator, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import fixture from '../fixtures/gains.json'
import { matchesMoments, sampleStats } from '../test/stats'
import { type KaimingOptions, kaimingNormal, kaimingUniform } from './kaiming'

const cases = fixture.bounds.filter((b) => b.scheme.startsWith('kaiming'))

describe('kaimingUniform and kaimingNormal', () => {
  it.each(
    cases.map(
      (c) => [`${c.scheme}(${JSON.stringify(c.options)}) ${c.shape.join('x')}`, c] as const,
    ),
  )('%s uses PyTorch’s bound or std', (_, c) => {
    const options = c.options as KaimingOptions
    const init = c.scheme === 'kaimingUniform' ? kaimingUniform(options) : kaimingNormal(options)
    const d = init.distribution(c.shape)
    const got = d.kind === 'uniform' ? [d.low, d.high] : d.kind === 'normal' ? [d.mean, d.std] : []
    const want = 'uniform' in c ? c.uniform : c.normal
    expect(got).toHaveLength(2)
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(got[i]! - want![i]!)).toBeLessThanOrEqual(1e-12)
    }
  })

  it('samples match the formulas on large weights', () => {
    const relu = { nonlinearity: 'relu' } as const
    const conv = [300, 64, 3, 3]
    const bound = Math.SQRT2 * Math.sqrt(3 / 576)
    const u = sampleStats(kaimingUniform(relu)(zeros(conv), new Generator(9)).data)
    expect(matchesMoments(u, 0, bound / Math.sqrt(3))).toBe(true)
    expect(Math.max(-u.min, u.max)).toBeLessThanOrEqual(bound)
    expect(u.max).toBeGreaterThan(0.99 * bound)
    const n = sampleStats(
      kaimingNormal({ ...relu, mode: 'fanOut' })(zeros(conv), new Generator(10)).data,
    )
    expect(matchesMoments(n, 0, Math.SQRT2 / Math.sqrt(300 * 9))).toBe(true)
    expect(kaimingNormal(relu).label).toBe('kaimingNormal(a=0, mode=fanIn, nonlinearity=relu)')
  })

  it('refuses a non-finite slope and unknown nonlinearities', () => {
    expect(() => kaimingNormal({ a: Number.NaN })).toThrow(
      'kaimingNormal: a must be a finite number, got NaN',
    )
    expect(() => kaimingUniform({ nonlinearity: 'swish' as never })).toThrow(ArgumentError)
  })
})
