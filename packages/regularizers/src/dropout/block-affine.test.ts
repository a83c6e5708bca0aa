import { DTypeError, gradCheck, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { blockAffine } from './block-affine'

describe('blockAffine', () => {
  it('applies one multiplier and offset per block', () => {
    const x = new Tensor(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3])
    const out = blockAffine('t', x, Float32Array.of(2, -1, 0.5), Float32Array.of(0, 1, -1), 2)
    expect(Array.from(out.data)).toEqual([2, 4, -2, -3, 1.5, 2])
    expect(out.shape).toEqual([2, 3])
    const plain = blockAffine('t', x, Float32Array.of(0, 3), null, 3)
    expect(Array.from(plain.data)).toEqual([0, 0, 0, 12, 15, 18])
  })

  it('passes gradCheck (scale per block, with and without shift)', () => {
    const x = new Tensor(
      Float32Array.from({ length: 24 }, (_, i) => Math.sin(i) * 2),
      [2, 3, 4],
    )
    x.requiresGrad = true
    const scale = Float32Array.of(1.5, 0, -2, 0.25, 3, 1)
    const shift = Float32Array.of(0.1, -0.2, 0.3, 0, 1, -1)
    expect(gradCheck((t) => blockAffine('t', t, scale, shift, 4), [x]).ok).toBe(true)
    expect(gradCheck((t) => blockAffine('t', t, scale, null, 4), [x]).ok).toBe(true)
  })

  it('refuses int32 input', () => {
    const x = new Tensor(Int32Array.of(1, 2), [2])
    expect(() => blockAffine('dropout', x, Float32Array.of(1, 1), null, 1)).toThrow(DTypeError)
    expect(() => blockAffine('dropout', x, Float32Array.of(1, 1), null, 1)).toThrow(
      /^dropout: the input must be float32, got int32/,
    )
  })
})
