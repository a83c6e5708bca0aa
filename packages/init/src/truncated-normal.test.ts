import { ArgumentError, erf, Generator, tensor, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { matchesMoments, sampleStats } from '../test/stats'
import { truncatedNormal } from './truncated-normal'

const pdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)
const cdf = (x: number) => 0.5 * (1 + erf(tensor([x / Math.SQRT2])).item())

/** Mean and std of N(μ, σ²) truncated to [a, b]. */
function truncatedMoments(mu: number, sigma: number, a: number, b: number) {
  const alpha = (a - mu) / sigma
  const beta = (b - mu) / sigma
  const z = cdf(beta) - cdf(alpha)
  const shift = (pdf(alpha) - pdf(beta)) / z
  const variance = 1 + (alpha * pdf(alpha) - beta * pdf(beta)) / z - shift * shift
  return { mean: mu + sigma * shift, std: sigma * Math.sqrt(variance) }
}

describe('truncatedNormal', () => {
  it.each([
    [{}, 0, 1, -2, 2],
    [{ mean: 0.5, std: 0.2, a: 0, b: 0.6 }, 0.5, 0.2, 0, 0.6],
  ])('draws the truncated normal %j within its bounds', (options, mu, sigma, a, b) => {
    const s = sampleStats(truncatedNormal(options)(zeros([200_000]), new Generator(3)).data)
    const want = truncatedMoments(mu, sigma, a, b)
    expect(matchesMoments(s, want.mean, want.std)).toBe(true)
    expect(s.min).toBeGreaterThanOrEqual(a)
    expect(s.max).toBeLessThanOrEqual(b)
  })

  it('refuses a non-positive std and empty bounds', () => {
    expect(() => truncatedNormal({ std: 0 })).toThrow(ArgumentError)
    expect(() => truncatedNormal({ a: 1, b: 1 })).toThrow(
      'truncatedNormal: expected std > 0 and a < b, got std=1, a=1, b=1',
    )
  })
})
