import { ArgumentError, DTypeError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { fixture, worstMismatch } from '../fixtures/optimizers'
import { clipGradNorm } from './clip-grad-norm'
import { NonFiniteGradientError } from './errors'

const grads = () =>
  fixture.clip.grads.map(
    (values, i) => new Tensor(Float32Array.from(values), fixture.clip.shapes[i]!),
  )

describe('clipGradNorm', () => {
  it('has torch fixtures for norms 2, 1, 3, 0.5 and inf, clipping and not', () => {
    expect(fixture.clip.norm.map((c) => c.normType)).toEqual([2, 2, 1, 'inf', 3, 0.5])
  })

  for (const c of fixture.clip.norm) {
    it(`matches clip_grad_norm_ with norm ${c.normType}, max ${c.maxNorm}`, () => {
      const gs = grads()
      const normType = c.normType === 'inf' ? Number.POSITIVE_INFINITY : c.normType
      const total = clipGradNorm(gs, c.maxNorm, normType)
      expect(worstMismatch([total], [c.total]).excess).toBeLessThanOrEqual(0)
      gs.forEach((g, i) => {
        expect(worstMismatch(g.data, c.clipped[i]!).excess).toBeLessThanOrEqual(0)
      })
    })
  }

  it('takes a named tree or a list with nulls, and returns 0 for no gradients', () => {
    const a = new Tensor(Float32Array.of(3, 4), [2])
    expect(clipGradNorm({ a }, 10)).toBe(5)
    expect(clipGradNorm([null, a, undefined], 10)).toBe(5)
    expect(clipGradNorm([], 1)).toBe(0)
  })

  it('scales by maxNorm / (norm + 1e-6)', () => {
    const a = new Tensor(Float32Array.of(3, 4), [2])
    clipGradNorm([a], 1)
    expect(a.data[0]).toBeCloseTo((3 * 1) / (5 + 1e-6), 6)
    expect(a.data[1]).toBeCloseTo((4 * 1) / (5 + 1e-6), 6)
  })

  it('propagates NaN like torch, or refuses before changing anything', () => {
    const a = new Tensor(Float32Array.of(Number.NaN, 1), [2])
    const b = new Tensor(Float32Array.of(2, 2), [2])
    expect(() => clipGradNorm([a, b], 1, 2, { errorIfNonfinite: true })).toThrow(
      NonFiniteGradientError,
    )
    expect(Array.from(b.data)).toEqual([2, 2])
    expect(clipGradNorm([b, a], 1, Number.POSITIVE_INFINITY)).toBeNaN()
    expect(Number.isNaN(b.data[0])).toBe(true)
  })

  it('refuses a negative maxNorm, a non-positive norm type and int32 tensors', () => {
    const a = new Tensor(Float32Array.of(1), [1])
    expect(() => clipGradNorm([a], -1)).toThrow(ArgumentError)
    expect(() => clipGradNorm([a], 1, 0)).toThrow(/normType must be a positive number/)
    expect(() => clipGradNorm([new Tensor(Int32Array.of(1), [1])], 1)).toThrow(DTypeError)
  })
})
