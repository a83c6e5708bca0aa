import { gradCheck, matmul, reshape, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { PCA } from './pca'
import { correlatedSamples, covariance, distanceFromIdentity } from './test-support'
import { ZCAWhitening } from './zca-whitening'

/** Mean squared distance between `a` and `b` of the same size. */
function meanSquaredDistance(a: Float32Array | Int32Array, b: Float32Array | Int32Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2
  return s / a.length
}

describe('ZCAWhitening', () => {
  const x = correlatedSamples(400, 5)

  it('yields identity covariance on correlated data', () => {
    expect(distanceFromIdentity(covariance(x))).toBeGreaterThan(1)
    const y = new ZCAWhitening(4, { eps: 0 }).fitTransform(x)
    expect(distanceFromIdentity(covariance(y))).toBeLessThan(1e-4)
    const damped = covariance(new ZCAWhitening(4, { eps: 1 }).fitTransform(x))
    expect(distanceFromIdentity(damped)).toBeGreaterThan(0.1)
  })

  it('stays closer to the input than PCA whitening or a rotated whitening', () => {
    const zca = new ZCAWhitening(4, { eps: 0 }).fit(x)
    const centered = Float32Array.from(x.data, (v, i) => v - zca.mean.data[i % 4]!)
    const y = zca.transform(x)
    const pca = new PCA(4, { whiten: true, eps: 0 }).fit(x).transform(x)
    const c = Math.cos(0.4)
    const s = Math.sin(0.4)
    const rotation = tensor([
      [c, -s, 0, 0],
      [s, c, 0, 0],
      [0, 0, c, -s],
      [0, 0, s, c],
    ])
    const rotated = matmul(y, rotation)
    expect(distanceFromIdentity(covariance(rotated))).toBeLessThan(1e-4)
    const dZca = meanSquaredDistance(y.data, centered)
    expect(dZca).toBeLessThan(meanSquaredDistance(pca.data, centered))
    expect(dZca).toBeLessThan(meanSquaredDistance(rotated.data, centered))
  })

  it('applies a symmetric matrix', () => {
    const zca = new ZCAWhitening(4).fit(x)
    const basis = tensor([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ])
    const shifted = basis.add(reshape(zca.mean, [1, 4]))
    const w = zca.transform(shifted)
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) expect(w.data[i * 4 + j]).toBeCloseTo(w.data[j * 4 + i]!, 5)
    }
  })

  it('keeps the shape of image batches and inverts', () => {
    const images = reshape(x, [400, 1, 2, 2])
    const zca = new ZCAWhitening(4).fit(images)
    const y = zca.transform(images)
    expect(y.shape).toEqual([400, 1, 2, 2])
    const back = zca.inverseTransform(y)
    expect(back.shape).toEqual([400, 1, 2, 2])
    for (let i = 0; i < x.size; i++) expect(Math.abs(back.data[i]! - x.data[i]!)).toBeLessThan(1e-4)
  })

  it('is differentiable and round-trips its state', () => {
    const a = new ZCAWhitening(4, { eps: 1e-2 }).fit(x)
    const input = correlatedSamples(2, 6).requiresGrad_()
    expect(gradCheck((t) => a.transform(t!), [input]).ok).toBe(true)
    const b = new ZCAWhitening(4, { eps: 1e-2 })
    b.loadStateDict(a.stateDict())
    const z = correlatedSamples(3, 7)
    expect(Array.from(b.transform(z).data)).toEqual(Array.from(a.transform(z).data))
  })
})
