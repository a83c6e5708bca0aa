import { ArgumentError, Generator, randn, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { LayerNorm } from './layer-norm'

describe('LayerNorm', () => {
  it('holds weight (ones) and bias (zeros) of the normalized shape', () => {
    const ln = new LayerNorm([2, 3])
    expect(Object.keys(ln.stateDict())).toEqual(['weight', 'bias'])
    expect(ln.weight!.shape).toEqual([2, 3])
    expect(Array.from(ln.weight!.data)).toEqual([1, 1, 1, 1, 1, 1])
    expect(Array.from(ln.bias!.data)).toEqual([0, 0, 0, 0, 0, 0])
    expect(new LayerNorm(4, { elementwiseAffine: false }).parameters()).toEqual([])
  })

  it('normalizes the trailing dimensions and applies the elementwise affine', () => {
    const ln = new LayerNorm(2, { eps: 0 })
    ln.weight!.copy_(tensor([2, 3]))
    ln.bias!.copy_(tensor([1, -1]))
    const y = ln.forward(
      tensor([
        [1, 3],
        [10, 0],
      ]),
    )
    expect(Array.from(y.data)).toEqual([-1, 2, 3, -4])
  })

  it('gives gradients to its parameters', () => {
    const ln = new LayerNorm(3)
    ln.forward(randn([4, 3], { generator: new Generator(1) }))
      .sum()
      .backward()
    expect(ln.weight!.grad?.shape).toEqual([3])
    expect(Array.from(ln.bias!.grad!.data)).toEqual([4, 4, 4])
  })

  it('refuses a bad normalized shape', () => {
    expect(() => new LayerNorm([2, 0])).toThrow(ArgumentError)
    expect(() => new LayerNorm(3).forward(randn([2, 4]))).toThrow(/does not end with/)
  })
})
