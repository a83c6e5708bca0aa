import { ArgumentError, Generator, gradCheck, randn, ShapeError, type Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { groupNorm } from './group-norm'
import { layerNorm } from './layer-norm'

const gen = new Generator(13)
const leaf = (shape: number[], scale = 1, shift = 0): Tensor => {
  const t = randn(shape, { generator: gen })
  for (let i = 0; i < t.size; i++) t.data[i] = t.data[i]! * scale + shift
  return t.requiresGrad_()
}

describe('groupNorm', () => {
  it.each([
    [[2, 4, 3], 2],
    [[2, 6, 2, 2], 3],
    [[3, 6], 2],
    [[2, 4, 2], 1],
  ])('passes gradCheck on %j with %i groups, weight and bias', (shape, groups) => {
    const c = shape[1]!
    const x = leaf(shape, 2, -0.5)
    const w = leaf([c], 0.5, 1)
    const b = leaf([c])
    const result = gradCheck((a, g, h) => groupNorm(a!, groups, g, h), [x, w, b])
    expect(result.failures).toEqual([])
  })

  it('passes gradCheck without affine parameters', () => {
    const x = leaf([2, 4, 3], 1.5)
    expect(gradCheck((a) => groupNorm(a!, 2), [x]).ok).toBe(true)
  })

  it('with one group equals layer normalization over [C, *]', () => {
    const x = leaf([2, 3, 4])
    const a = groupNorm(x, 1)
    const b = layerNorm(x, [3, 4])
    for (let i = 0; i < a.size; i++) expect(a.data[i]).toBeCloseTo(b.data[i]!, 6)
  })

  it('applies the affine parameters per channel', () => {
    const x = leaf([1, 2, 3])
    const w = leaf([2])
    const b = leaf([2])
    const plain = groupNorm(x, 2)
    const y = groupNorm(x, 2, w, b)
    for (let c = 0; c < 2; c++) {
      for (let s = 0; s < 3; s++) {
        const i = c * 3 + s
        expect(y.data[i]).toBeCloseTo(plain.data[i]! * w.data[c]! + b.data[c]!, 6)
      }
    }
  })

  it('refuses a group count that does not divide the channels', () => {
    const x = leaf([2, 6, 3])
    expect(() => groupNorm(x, 4)).toThrow(ArgumentError)
    expect(() => groupNorm(x, 0)).toThrow(/numGroups must be a positive integer dividing the 6/)
    expect(() => groupNorm(leaf([6]), 2)).toThrow(ShapeError)
    expect(() => groupNorm(x, 3, leaf([3]))).toThrow(/weight has shape \[3\].*needs \[6\]/)
  })
})
