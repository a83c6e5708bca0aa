import { type Generator, Module, type Tensor } from '@knack/core'
import { ReLU } from './activations'
import { requireInteger } from './checks'
import { Conv2d } from './conv2d'
import type { Layer } from './layer'
import { addResidual, type ResidualBlock } from './residual'
import { Sequential } from './sequential'

/** Options of {@link BasicBlock}. */
export interface BasicBlockOptions {
  /** Stride of the first convolution and of the projection (default 1). */
  stride?: number
  /**
   * Makes the normalization layer of a given channel count (e.g. a BatchNorm2d from
   * `@knack/norm`). With it the convolutions have no bias, as in torchvision; without it they
   * have a bias and there is no normalization.
   */
  norm?: (channels: number) => Layer
  /** Generator for the default initialization of the convolutions. */
  generator?: Generator
}

/**
 * ResNet's basic block, `relu(F(x) + S(x))` with the branch
 * `F = bn2 ∘ conv2 ∘ relu ∘ bn1 ∘ conv1` (two 3×3 convolutions) and the shortcut `S` the
 * identity, or `downsample` (1×1 convolution with the stride, then a norm) when the stride or
 * the channel count changes. Names follow torchvision's `BasicBlock`: `conv1`, `bn1`, `conv2`,
 * `bn2`, `downsample.0`, `downsample.1`.
 * @see K. He et al., Deep Residual Learning for Image Recognition, https://arxiv.org/abs/1512.03385
 */
export class BasicBlock extends Module<[Tensor], Tensor> implements ResidualBlock {
  conv1: Conv2d
  bn1: Layer | null
  relu: ReLU
  conv2: Conv2d
  bn2: Layer | null
  downsample: Sequential | null

  constructor(inChannels: number, outChannels: number, options: BasicBlockOptions = {}) {
    super()
    const { stride = 1, norm, generator } = options
    requireInteger('BasicBlock', 'stride', stride, 1)
    const bias = norm === undefined
    this.conv1 = new Conv2d(inChannels, outChannels, 3, { stride, padding: 1, bias, generator })
    this.bn1 = norm?.(outChannels) ?? null
    this.relu = new ReLU()
    this.conv2 = new Conv2d(outChannels, outChannels, 3, { padding: 1, bias, generator })
    this.bn2 = norm?.(outChannels) ?? null
    if (stride !== 1 || inChannels !== outChannels) {
      const projection = new Conv2d(inChannels, outChannels, 1, { stride, bias, generator })
      this.downsample =
        norm === undefined
          ? new Sequential(projection)
          : new Sequential(projection, norm(outChannels))
    } else {
      this.downsample = null
    }
  }

  residualBranch(): Module[] {
    const branch: (Module | null)[] = [this.conv1, this.bn1, this.relu, this.conv2, this.bn2]
    return branch.filter((m): m is Module => m !== null)
  }

  forward(x: Tensor): Tensor {
    let y = this.conv1.forward(x)
    if (this.bn1 !== null) y = this.bn1.forward(y)
    y = this.conv2.forward(this.relu.forward(y))
    if (this.bn2 !== null) y = this.bn2.forward(y)
    const shortcut = this.downsample === null ? x : this.downsample.forward(x)
    return this.relu.forward(addResidual('BasicBlock', y, shortcut))
  }
}
