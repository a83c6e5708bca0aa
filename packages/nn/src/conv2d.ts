import {
  ArgumentError,
  conv2d,
  type Generator,
  Module,
  Parameter,
  type Size2d,
  type Tensor,
  zeros,
} from '@knack/core'
import { requireInteger } from './checks'
import { resetAffine } from './default-init'

/** Options of {@link Conv2d}, as in `torch.nn.Conv2d`. */
export interface Conv2dOptions {
  /** Step of the kernel (default 1). */
  stride?: Size2d
  /** Zero padding on both sides of each spatial axis (default 0). */
  padding?: Size2d
  /** Spacing between kernel taps (default 1). */
  dilation?: Size2d
  /** Number of blocked connections from input to output channels (default 1). */
  groups?: number
  /** Learn an additive bias per output channel (default true). */
  bias?: boolean
  /** Generator for the default initialization (default: the default generator). */
  generator?: Generator
}

function kernelPair(kernelSize: Size2d): [number, number] {
  const hw: [number, number] =
    typeof kernelSize === 'number' ? [kernelSize, kernelSize] : [kernelSize[0], kernelSize[1]]
  for (const k of hw) requireInteger('Conv2d', 'kernelSize', k, 1)
  return hw
}

/**
 * 2-D convolution layer over NCHW input with PyTorch's names and layout: `weight`
 * `[outChannels, inChannels / groups, kH, kW]`, `bias` `[outChannels]`, and its default
 * initialization (U(±1/√fanIn) with `fanIn = inChannels / groups · kH · kW`).
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html
 */
export class Conv2d extends Module<[Tensor], Tensor> {
  readonly inChannels: number
  readonly outChannels: number
  readonly kernelSize: [number, number]
  readonly stride: Size2d
  readonly padding: Size2d
  readonly dilation: Size2d
  readonly groups: number
  weight: Parameter
  bias: Parameter | null

  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: Size2d,
    options: Conv2dOptions = {},
  ) {
    super()
    requireInteger('Conv2d', 'inChannels', inChannels, 1)
    requireInteger('Conv2d', 'outChannels', outChannels, 1)
    const groups = options.groups ?? 1
    requireInteger('Conv2d', 'groups', groups, 1)
    if (inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new ArgumentError(
        'Conv2d',
        `inChannels (${inChannels}) and outChannels (${outChannels}) must both be divisible by groups (${groups})`,
        'choose channel counts that are multiples of groups',
      )
    }
    this.inChannels = inChannels
    this.outChannels = outChannels
    this.kernelSize = kernelPair(kernelSize)
    this.stride = options.stride ?? 1
    this.padding = options.padding ?? 0
    this.dilation = options.dilation ?? 1
    this.groups = groups
    const [kh, kw] = this.kernelSize
    this.weight = new Parameter(zeros([outChannels, inChannels / groups, kh, kw]))
    this.bias = (options.bias ?? true) ? new Parameter(zeros([outChannels])) : null
    this.resetParameters(options.generator)
  }

  /**
   * Re-draws the parameters as PyTorch does: kaiming_uniform(a = √5), i.e. U(±1/√fanIn), for
   * the weight and U(±1/√fanIn) for the bias, `fanIn = inChannels / groups · kH · kW`.
   */
  resetParameters(generator?: Generator): void {
    const [kh, kw] = this.kernelSize
    resetAffine(this.weight, this.bias, (this.inChannels / this.groups) * kh * kw, generator)
  }

  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      groups: this.groups,
    })
  }
}
