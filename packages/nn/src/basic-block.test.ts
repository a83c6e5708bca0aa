import {
  Generator,
  gradCheck,
  Module,
  ones,
  Parameter,
  randn,
  type Tensor,
  zeros,
} from '@knack/core'
import { describe, expect, it } from 'vitest'
import { BasicBlock } from './basic-block'

/** A per-channel affine map with BatchNorm2d's parameter names, standing in for a norm layer. */
class ChannelAffine extends Module<[Tensor], Tensor> {
  weight: Parameter
  bias: Parameter

  constructor(channels: number) {
    super()
    this.weight = new Parameter(ones([channels]))
    this.bias = new Parameter(zeros([channels]))
  }

  forward(x: Tensor): Tensor {
    const c = this.weight.size
    return x.mul(this.weight.reshape([c, 1, 1])).add(this.bias.reshape([c, 1, 1]))
  }
}

describe('BasicBlock', () => {
  it('names its parameters as torchvision’s BasicBlock when given a norm', () => {
    const block = new BasicBlock(3, 8, { stride: 2, norm: (c) => new ChannelAffine(c) })
    // torchvision.models.resnet.BasicBlock(3, 8, stride=2, downsample=conv1x1 + BatchNorm2d)
    expect(block.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['conv1.weight', [8, 3, 3, 3]],
      ['bn1.weight', [8]],
      ['bn1.bias', [8]],
      ['conv2.weight', [8, 8, 3, 3]],
      ['bn2.weight', [8]],
      ['bn2.bias', [8]],
      ['downsample.0.weight', [8, 3, 1, 1]],
      ['downsample.1.weight', [8]],
      ['downsample.1.bias', [8]],
    ])
    expect(block.forward(randn([2, 3, 9, 8])).shape).toEqual([2, 8, 5, 4])
  })

  it('has biased convolutions without a norm, and an identity shortcut when shapes allow', () => {
    const block = new BasicBlock(4, 4)
    expect(block.downsample).toBeNull()
    expect(block.namedParameters().map(([n]) => n)).toEqual([
      'conv1.weight',
      'conv1.bias',
      'conv2.weight',
      'conv2.bias',
    ])
    expect(block.residualBranch()).toEqual([block.conv1, block.relu, block.conv2])
  })

  it('computes relu(F(x) + x) and passes gradCheck', () => {
    const g = new Generator(9)
    const block = new BasicBlock(2, 2, { generator: g })
    const x = randn([1, 2, 4, 4], { generator: g, requiresGrad: true })
    block.conv2.weight.zero_()
    block.conv2.bias!.zero_()
    // With the branch zeroed the block is relu(x).
    expect(Array.from(block.forward(x).data)).toEqual(Array.from(x.data, (v) => Math.max(v, 0)))
    const fresh = new BasicBlock(2, 3, { stride: 2, generator: g })
    const result = gradCheck((t) => fresh.forward(t!), [x], { eps: 1e-3 })
    expect(result.ok, JSON.stringify(result.failures)).toBe(true)
  })
})
