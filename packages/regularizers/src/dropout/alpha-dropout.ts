import { type Generator, Module, type Tensor } from '@knack/core'
import { blockAffine } from './block-affine'
import type { DropoutFunctionOptions, DropoutOptions } from './dropout'
import { checkDropProbability, keepMask } from './keep-mask'

/** SELU's negative saturation value `−λα`, written α′ in the SELU paper; here its magnitude. */
const SELU_SATURATION = 1.7580993408473766

/**
 * Alpha dropout for self-normalizing (SELU) networks: a dropped element is set to SELU's
 * saturation value `α′ = −λα ≈ −1.7581` instead of 0, then an affine correction restores zero
 * mean and unit variance: `out = a·(m·x + (1 − m)·α′) + b` with `m ~ Bernoulli(1 − p)`,
 * `a = ((1 − p)(1 + p·α′²))^(−1/2)` and `b = −a·α′·p` (PyTorch's formula). Identity when not
 * training or p = 0; zeros when p = 1 (as PyTorch). ∂/∂x = a·m.
 * @see G. Klambauer et al., "Self-Normalizing Neural Networks", NeurIPS 2017, https://arxiv.org/abs/1706.02515
 * @see https://pytorch.org/docs/stable/generated/torch.nn.AlphaDropout.html
 */
export function alphaDropout(x: Tensor, p = 0.5, options: DropoutFunctionOptions = {}): Tensor {
  checkDropProbability('alphaDropout', p)
  const { training = true, generator } = options
  if (!training || p === 0 || x.size === 0) return x
  const n = x.size
  const scale = new Float32Array(n)
  const shift = new Float32Array(n)
  if (p < 1) {
    const a = 1 / Math.sqrt((SELU_SATURATION * SELU_SATURATION * p + 1) * (1 - p))
    const keptShift = a * SELU_SATURATION * p
    const droppedShift = keptShift - a * SELU_SATURATION
    const keep = keepMask(n, p, generator)
    for (let i = 0; i < n; i++) {
      if (keep[i] === 1) {
        scale[i] = a
        shift[i] = keptShift
      } else {
        shift[i] = droppedShift
      }
    }
  }
  return blockAffine('alphaDropout', x, scale, shift, 1)
}

/**
 * Alpha dropout as a layer (PyTorch's `nn.AlphaDropout`): {@link alphaDropout} in training
 * mode, the identity in evaluation mode. Use it with SELU activations and LeCun-normal init.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.AlphaDropout.html
 */
export class AlphaDropout extends Module<[Tensor], Tensor> {
  /** Probability of dropping an element. */
  readonly p: number
  /** The generator masks are drawn from (`undefined`: the default generator). */
  readonly generator: Generator | undefined

  constructor(p = 0.5, options: DropoutOptions = {}) {
    super()
    checkDropProbability('AlphaDropout', p)
    this.p = p
    this.generator = options.generator
  }

  forward(x: Tensor): Tensor {
    return alphaDropout(x, this.p, { training: this.training, generator: this.generator })
  }
}
