import { ArgumentError, Generator, gradCheck, randn } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { Conv2d } from './conv2d'

describe('Conv2d', () => {
  it('lays the weight out [out, in / groups, kH, kW] with bounds 1/√fanIn', () => {
    const conv = new Conv2d(6, 4, [3, 2], { groups: 2, generator: new Generator(1) })
    expect(conv.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['weight', [4, 3, 3, 2]],
      ['bias', [4]],
    ])
    const bound = 1 / Math.sqrt(3 * 3 * 2)
    for (const p of conv.parameters()) {
      for (const v of p.data) expect(Math.abs(v)).toBeLessThanOrEqual(bound)
    }
    expect(new Conv2d(2, 2, 1, { bias: false }).bias).toBeNull()
  })

  it('applies stride, padding and dilation to the output shape', () => {
    const conv = new Conv2d(2, 3, 3, { stride: 2, padding: 1, dilation: [1, 2] })
    expect(conv.forward(randn([1, 2, 9, 9])).shape).toEqual([1, 3, 5, 4])
    expect(new Conv2d(2, 3, 2).forward(randn([2, 4, 4])).shape).toEqual([3, 3, 3])
  })

  it('passes gradCheck for input, weight and bias', () => {
    const g = new Generator(2)
    const conv = new Conv2d(2, 2, 2, { stride: [1, 2], padding: 1, generator: g })
    const x = randn([2, 2, 3, 4], { generator: g, requiresGrad: true })
    const result = gradCheck(
      (input, w, b) => {
        conv.weight = w as typeof conv.weight
        conv.bias = b as typeof conv.bias
        return conv.forward(input!)
      },
      [x, conv.weight, conv.bias!],
    )
    expect(result.ok, JSON.stringify(result.failures)).toBe(true)
  })

  it('refuses channel counts that groups do not divide, and bad sizes', () => {
    expect(() => new Conv2d(3, 4, 3, { groups: 2 })).toThrow(
      'Conv2d: inChannels (3) and outChannels (4) must both be divisible by groups (2)',
    )
    expect(() => new Conv2d(0, 4, 3)).toThrow(ArgumentError)
    expect(() => new Conv2d(2, 4, [3, 0])).toThrow(
      'Conv2d: kernelSize must be an integer ≥ 1, got 0',
    )
  })
})
