import { ArgumentError, Module, ones, Parameter, randn, type Tensor, zeros } from '@knack/core'
import { BasicBlock, Linear, PReLU, ReLU, Residual, Sequential } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import { zeroInitResidual } from './zero-init-residual'

/** A per-channel scale and shift with a norm layer's names. */
class ChannelAffine extends Module<[Tensor], Tensor> {
  weight: Parameter
  bias: Parameter

  constructor(channels: number) {
    super()
    this.weight = new Parameter(ones([channels]))
    this.bias = new Parameter(zeros([channels]).fill_(0.5))
  }

  forward(x: Tensor): Tensor {
    const c = this.weight.size
    return x.mul(this.weight.reshape([c, 1, 1])).add(this.bias.reshape([c, 1, 1]))
  }
}

describe('zeroInitResidual', () => {
  it('zeros the last layer of each Residual branch, so each block starts as the identity', () => {
    const model = new Sequential(
      new Residual(new Sequential(new Linear(4, 4), new ReLU(), new Linear(4, 4), new PReLU())),
      new Residual(new Linear(4, 4)),
    )
    expect(zeroInitResidual(model)).toEqual([
      '0.body.2.weight',
      '0.body.2.bias',
      '1.body.weight',
      '1.body.bias',
    ])
    const x = randn([3, 4])
    expect(Array.from(model.forward(x).data)).toEqual(Array.from(x.data))
  })

  it('zeros only the scale of a BasicBlock’s last norm', () => {
    const block = new BasicBlock(2, 2, { norm: (c) => new ChannelAffine(c) })
    expect(zeroInitResidual(new Sequential(block))).toEqual(['0.bn2.weight'])
    expect(Array.from((block.bn2 as ChannelAffine).bias.data)).toEqual([0.5, 0.5])
    const plain = new BasicBlock(2, 2)
    expect(zeroInitResidual(plain)).toEqual(['conv2.weight', 'conv2.bias'])
    const x = randn([1, 2, 3, 3])
    expect(Array.from(plain.forward(x).data)).toEqual(Array.from(x.data, (v) => Math.max(v, 0)))
  })

  it('returns nothing for a model without residual blocks, and refuses a branch without weights', () => {
    expect(zeroInitResidual(new Linear(2, 2))).toEqual([])
    const model = new Sequential(new Residual(new Linear(2, 2)), new Residual(new ReLU()))
    const before = model.stateDict()
    expect(() => zeroInitResidual(model)).toThrow(ArgumentError)
    expect(() => zeroInitResidual(model)).toThrow(
      "zeroInitResidual: the residual branch of '1' (Residual) has no layer with a weight, nothing was changed",
    )
    expect(model.stateDict()).toEqual(before)
  })
})
