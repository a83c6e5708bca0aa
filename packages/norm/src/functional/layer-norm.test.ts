import { ArgumentError, Generator, gradCheck, randn, ShapeError, type Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { layerNorm } from './layer-norm'

const gen = new Generator(11)
const leaf = (shape: number[], scale = 1, shift = 0): Tensor => {
  const t = randn(shape, { generator: gen })
  for (let i = 0; i < t.size; i++) t.data[i] = t.data[i]! * scale + shift
  return t.requiresGrad_()
}

describe('layerNorm', () => {
  it.each([
    [[3, 4], [4]],
    [
      [2, 3, 4],
      [3, 4],
    ],
    [[5], [5]],
  ])('passes gradCheck on %j over %j with weight and bias', (shape, normalized) => {
    const x = leaf(shape, 2, 0.3)
    const w = leaf(normalized, 0.5, 1)
    const b = leaf(normalized)
    const result = gradCheck((a, g, h) => layerNorm(a!, normalized, g, h), [x, w, b])
    expect(result.failures).toEqual([])
  })

  it('passes gradCheck without affine parameters', () => {
    const x = leaf([2, 3, 2], 1.5)
    expect(gradCheck((a) => layerNorm(a!, [3, 2]), [x]).ok).toBe(true)
  })

  it('gives each row zero mean and unit variance', () => {
    const x = leaf([3, 6], 4, -2)
    const y = layerNorm(x, 6, null, null, 0)
    for (let r = 0; r < 3; r++) {
      const row = Array.from(y.data.subarray(r * 6, r * 6 + 6))
      const mean = row.reduce((s, v) => s + v, 0) / 6
      expect(mean).toBeCloseTo(0, 5)
      expect(row.reduce((s, v) => s + (v - mean) ** 2, 0) / 6).toBeCloseTo(1, 4)
    }
  })

  it('refuses a normalized shape that is not the tail of the input', () => {
    const x = leaf([2, 3, 4])
    expect(() => layerNorm(x, [3])).toThrow(ShapeError)
    expect(() => layerNorm(x, [2, 2, 3, 4])).toThrow(/does not end with normalizedShape/)
    expect(() => layerNorm(x, [4], leaf([3]))).toThrow(/weight has shape \[3\]/)
    expect(() => layerNorm(x, [])).toThrow(ArgumentError)
  })
})
