import { ArgumentError, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { GroupNorm } from './group-norm'

describe('GroupNorm', () => {
  it('holds per-channel weight (ones) and bias (zeros)', () => {
    const gn = new GroupNorm(2, 4)
    expect(Object.keys(gn.stateDict())).toEqual(['weight', 'bias'])
    expect(Array.from(gn.weight!.data)).toEqual([1, 1, 1, 1])
    expect(Array.from(gn.bias!.data)).toEqual([0, 0, 0, 0])
    expect(new GroupNorm(2, 4, { affine: false }).parameters()).toEqual([])
  })

  it('normalizes each sample over the channels of a group and its positions', () => {
    const gn = new GroupNorm(2, 4, { eps: 0 })
    // Group 0 holds channels 0 and 1 = {1, 3}; group 1 holds channels 2 and 3 = {6, 4}.
    const y = gn.forward(tensor([[1, 3, 6, 4]]))
    expect(Array.from(y.data)).toEqual([-1, 1, 1, -1])
  })

  it('refuses a channel count that the groups do not divide, or the wrong input', () => {
    expect(() => new GroupNorm(3, 4)).toThrow(ArgumentError)
    expect(() => new GroupNorm(2, 4).forward(tensor([[1, 2, 3]]))).toThrow(
      /expected an \[N, 4, \*\] input, got \[1,3\]/,
    )
  })
})
