import { type Generator, linear, Module, Parameter, type Tensor, zeros } from '@knack/core'
import { requireInteger } from './checks'
import { resetAffine } from './default-init'

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean
  /** Generator for the default initialization (default: the default generator). */
  generator?: Generator
}

/**
 * Fully connected layer `y = x·Wᵀ + b` over the last dimension, with PyTorch's names and
 * layout: `weight` `[outFeatures, inFeatures]`, `bias` `[outFeatures]`, and its default
 * initialization (weight and bias U(±1/√inFeatures), see {@link Linear.resetParameters}).
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Linear.html
 */
export class Linear extends Module<[Tensor], Tensor> {
  readonly inFeatures: number
  readonly outFeatures: number
  weight: Parameter
  bias: Parameter | null

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super()
    requireInteger('Linear', 'inFeatures', inFeatures, 0)
    requireInteger('Linear', 'outFeatures', outFeatures, 0)
    this.inFeatures = inFeatures
    this.outFeatures = outFeatures
    this.weight = new Parameter(zeros([outFeatures, inFeatures]))
    this.bias = (options.bias ?? true) ? new Parameter(zeros([outFeatures])) : null
    this.resetParameters(options.generator)
  }

  /** Re-draws the parameters as PyTorch does: kaiming_uniform(a = √5), i.e. U(±1/√inFeatures). */
  resetParameters(generator?: Generator): void {
    resetAffine(this.weight, this.bias, this.inFeatures, generator)
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias)
  }
}
