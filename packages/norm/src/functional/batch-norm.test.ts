import {
  ArgumentError,
  DTypeError,
  Generator,
  gradCheck,
  randn,
  ShapeError,
  type Tensor,
  tensor,
  zeros,
} from '@knack/core'
import { describe, expect, it } from 'vitest'
import { batchNorm } from './batch-norm'

const gen = new Generator(7)
const leaf = (shape: number[], scale = 1, shift = 0): Tensor => {
  const t = randn(shape, { generator: gen })
  for (let i = 0; i < t.size; i++) t.data[i] = t.data[i]! * scale + shift
  return t.requiresGrad_()
}

describe('batchNorm', () => {
  it.each([[[5, 3]], [[3, 2, 4]], [[2, 3, 2, 3]]])(
    'passes gradCheck in training on %j with weight and bias',
    (shape) => {
      const c = shape[1]!
      const x = leaf(shape, 2, 0.5)
      const w = leaf([c], 0.5, 1)
      const b = leaf([c])
      const result = gradCheck(
        (a, g, h) => batchNorm(a!, null, null, g, h, { training: true }),
        [x, w, b],
      )
      expect(result.failures).toEqual([])
      expect(result.ok).toBe(true)
    },
  )

  it('passes gradCheck in training without affine parameters', () => {
    const x = leaf([4, 3, 2], 1.5)
    const result = gradCheck((a) => batchNorm(a!, null, null, null, null, { training: true }), [x])
    expect(result.ok).toBe(true)
  })

  it('passes gradCheck in evaluation with running statistics', () => {
    const x = leaf([3, 2, 2, 2])
    const w = leaf([2], 0.5, 1)
    const b = leaf([2])
    const rm = tensor([0.3, -0.2])
    const rv = tensor([1.5, 0.7])
    const result = gradCheck((a, g, h) => batchNorm(a!, rm, rv, g, h), [x, w, b])
    expect(result.ok).toBe(true)
  })

  it('normalizes each channel to zero mean and unit variance in training', () => {
    const x = leaf([8, 2, 3], 3, 2)
    const y = batchNorm(x, null, null, null, null, { training: true, eps: 0 })
    for (let c = 0; c < 2; c++) {
      const values: number[] = []
      for (let n = 0; n < 8; n++)
        for (let l = 0; l < 3; l++) values.push(y.data[(n * 2 + c) * 3 + l]!)
      const mean = values.reduce((s, v) => s + v, 0) / values.length
      const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length
      expect(mean).toBeCloseTo(0, 5)
      expect(variance).toBeCloseTo(1, 4)
    }
  })

  it('updates the running statistics with momentum and the unbiased variance', () => {
    const x = tensor([
      [1, 10],
      [3, 14],
    ])
    const rm = tensor([0, 1])
    const rv = tensor([1, 2])
    batchNorm(x, rm, rv, null, null, { training: true, momentum: 0.25 })
    // Channel 0: mean 2, unbiased var 2; channel 1: mean 12, unbiased var 8.
    expect(Array.from(rm.data)).toEqual([0.5, 0.75 + 3])
    expect(Array.from(rv.data)).toEqual([0.75 + 0.5, 1.5 + 2])
  })

  it('uses the running statistics outside training and leaves them alone', () => {
    const x = tensor([[1, 2]])
    const rm = tensor([1, 0])
    const rv = tensor([4, 1])
    const y = batchNorm(x, rm, rv, tensor([2, 1]), tensor([0, 1]), { eps: 0 })
    expect(Array.from(y.data)).toEqual([0, 3])
    expect(Array.from(rm.data)).toEqual([1, 0])
  })

  it('refuses bad inputs before touching the running statistics', () => {
    const rm = zeros([3])
    const rv = zeros([3])
    expect(() => batchNorm(zeros([1, 3]), rm, rv, null, null, { training: true })).toThrow(
      ShapeError,
    )
    expect(() => batchNorm(zeros([2, 3]), null, null)).toThrow(ArgumentError)
    expect(() => batchNorm(zeros([4, 2]), rm, rv, null, null, { training: true })).toThrow(
      /running_mean has shape \[3\] but input \[4,2\] needs \[2\]/,
    )
    expect(() => batchNorm(zeros([4]), null, null, null, null, { training: true })).toThrow(
      ShapeError,
    )
    expect(() =>
      batchNorm(zeros([2, 3], { dtype: 'int32' }), null, null, null, null, { training: true }),
    ).toThrow(DTypeError)
    expect(Array.from(rm.data)).toEqual([0, 0, 0])
  })
})
