import { ArgumentError, gradCheck, ShapeError, StateError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { PCA } from './pca'
import { correlatedSamples, covariance, distanceFromIdentity } from './test-support'

describe('PCA', () => {
  const x = correlatedSamples(400, 1)

  it('whitening yields identity covariance on correlated data', () => {
    expect(distanceFromIdentity(covariance(x))).toBeGreaterThan(1)
    const y = new PCA(4, { whiten: true, eps: 0 }).fitTransform(x)
    expect(distanceFromIdentity(covariance(y))).toBeLessThan(1e-4)
  })

  it('whitening with eps shrinks each variance to λ / (λ + eps)', () => {
    const pca = new PCA(4, { whiten: true, eps: 0.1 }).fit(x)
    const cov = covariance(pca.transform(x))
    for (let i = 0; i < 4; i++) {
      const lambda = pca.explained_variance.data[i]!
      expect(cov[i]![i]).toBeCloseTo(lambda / (lambda + 0.1), 4)
    }
  })

  it('without whitening gives uncorrelated coordinates with the explained variances', () => {
    const pca = new PCA(4).fit(x)
    const cov = covariance(pca.transform(x))
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const expected = i === j ? pca.explained_variance.data[i]! : 0
        expect(Math.abs(cov[i]![j]! - expected)).toBeLessThan(
          1e-4 * pca.explained_variance.data[0]!,
        )
      }
    }
    const lambda = Array.from(pca.explained_variance.data)
    expect([...lambda].sort((a, b) => b - a)).toEqual(lambda)
    const ratio = Array.from(pca.explainedVarianceRatio.data).reduce((s, v) => s + v, 0)
    expect(ratio).toBeCloseTo(1, 6)
  })

  it('keeps k components or the fewest reaching a variance share', () => {
    const two = new PCA(4, { nComponents: 2 }).fit(x)
    expect(two.transform(x).shape).toEqual([400, 2])
    const ratios = Array.from(new PCA(4).fit(x).explainedVarianceRatio.data)
    const share = ratios[0]! + ratios[1]! / 2
    const bySharing = new PCA(4, { varianceShare: share }).fit(x)
    expect(bySharing.nComponents).toBe(2)
    expect(new PCA(4, { varianceShare: ratios[0]! * 0.9 }).fit(x).nComponents).toBe(1)
    expect(new PCA(4, { varianceShare: 1 }).fit(x).nComponents).toBe(4)
  })

  it('reconstructs the input from all components, and projects with fewer', () => {
    for (const whiten of [false, true]) {
      const pca = new PCA(4, { whiten }).fit(x)
      const back = pca.inverseTransform(pca.transform(x))
      for (let i = 0; i < x.size; i++)
        expect(Math.abs(back.data[i]! - x.data[i]!)).toBeLessThan(1e-4)
    }
    const one = new PCA(4, { nComponents: 1 }).fit(x)
    const projected = one.inverseTransform(one.transform(x))
    expect(projected.shape).toEqual([400, 4])
    expect(distanceFromIdentity(covariance(projected))).toBeGreaterThan(1)
  })

  it('is differentiable', () => {
    const pca = new PCA(4, { nComponents: 2, whiten: true }).fit(x)
    const input = correlatedSamples(3, 2).requiresGrad_()
    expect(gradCheck((a) => pca.transform(a!), [input]).ok).toBe(true)
  })

  it('serializes the fitted axes and component count', () => {
    const a = new PCA(4, { varianceShare: 0.9, whiten: true }).fit(x)
    const b = new PCA(4, { whiten: true })
    b.loadStateDict(a.stateDict())
    expect(Object.keys(a.stateDict())).toEqual([
      'n_samples_seen',
      'mean',
      'components',
      'explained_variance',
      'n_components',
    ])
    expect(b.nComponents).toBe(a.nComponents)
    const z = correlatedSamples(5, 3)
    expect(Array.from(b.transform(z).data)).toEqual(Array.from(a.transform(z).data))
  })

  it('refuses bad options and inputs', () => {
    expect(() => new PCA(4, { nComponents: 5 })).toThrow(ArgumentError)
    expect(() => new PCA(4, { nComponents: 2, varianceShare: 0.5 })).toThrow(/not both/)
    expect(() => new PCA(4, { varianceShare: 0 })).toThrow(ArgumentError)
    expect(() => new PCA(4).transform(x)).toThrow(StateError)
    expect(() => new PCA(3).fit(x)).toThrow(ShapeError)
    expect(() => new PCA(4).fit(correlatedSamples(1, 4))).toThrow(/at least 2 samples/)
    const fitted = new PCA(4, { nComponents: 2 }).fit(x)
    expect(() => fitted.inverseTransform(x)).toThrow(/expected \[N, 2\] coordinates/)
  })
})
