import {
  ArgumentError,
  DTypeError,
  Generator,
  gradCheck,
  randn,
  ShapeError,
  type Tensor,
  tensor,
} from '@knack/core'
import { describe, expect, it } from 'vitest'
import { PReLU, prelu } from './prelu'

const g = new Generator(13)

/** Normal samples pushed at least 0.1 away from the kink at 0, for finite differences. */
function awayFromZero(shape: number[]): Tensor {
  const t = randn(shape, { generator: g })
  for (let i = 0; i < t.size; i++) t.data[i]! += t.data[i]! >= 0 ? 0.1 : -0.1
  return t.requiresGrad_()
}

describe('prelu', () => {
  it('scales the non-positive inputs of each channel by its slope', () => {
    const x = tensor([[[-2, 1]], [[3, -4]]]).reshape([2, 1, 2])
    expect(prelu(x, tensor([0.5])).toArray()).toEqual([[[-1, 1]], [[3, -2]]])
    const y = tensor([
      [-1, -1, -1],
      [2, -2, 0],
    ])
    expect(prelu(y, tensor([0.1, 0.2, 0.3])).toArray()).toEqual([
      [-0.1, -0.2, -0.3].map(Math.fround),
      [2, Math.fround(-0.4), 0],
    ])
  })

  it('passes gradCheck with a shared and with per-channel slopes', () => {
    const x = awayFromZero([2, 3, 2, 2])
    for (const slopes of [1, 3]) {
      const w = randn([slopes], { generator: g }).mul(0.3).requiresGrad_()
      const result = gradCheck((a, b) => prelu(a!, b!), [x, w])
      expect(result.ok, JSON.stringify(result.failures)).toBe(true)
    }
    const flat = awayFromZero([5])
    expect(
      gradCheck((a, b) => prelu(a!, b!), [flat, tensor([0.2], { requiresGrad: true })]).ok,
    ).toBe(true)
  })

  it('refuses slopes that fit neither one nor every channel, and non-float inputs', () => {
    expect(() => prelu(randn([2, 3, 4]), randn([4]))).toThrow(
      'prelu: weight [4] fits neither one shared slope nor the 3 channels of input [2,3,4]',
    )
    expect(() => prelu(randn([5]), randn([5]))).toThrow(ShapeError)
    expect(() => prelu(randn([2, 2]).toInt(), randn([1]))).toThrow(DTypeError)
  })
})

describe('PReLU', () => {
  it('learns a weight of numParameters slopes starting at init', () => {
    const layer = new PReLU(3, 0.1)
    expect(layer.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([['weight', [3]]])
    expect(Array.from(layer.weight.data)).toEqual([0.1, 0.1, 0.1].map(Math.fround))
    expect(Array.from(new PReLU().weight.data)).toEqual([0.25])
    layer
      .forward(randn([4, 3], { generator: g }))
      .sum()
      .backward()
    expect(layer.weight.grad).not.toBeNull()
    expect(() => new PReLU(0)).toThrow(ArgumentError)
  })
})
