import { type Generator, Module, type Tensor } from '@knack/core'
import { blockAffine } from './block-affine'
import { checkDropProbability, invertedScales, keepMask } from './keep-mask'

/** Options of the dropout functions (`dropout`, `dropout2d`, `alphaDropout`, `dropPath`). */
export interface DropoutFunctionOptions {
  /** Apply the dropout (default true); with `false` the input is returned unchanged. */
  training?: boolean
  /** Where the masks come from (default: the default generator, see `manualSeed`). */
  generator?: Generator
}

/** Options of the dropout modules (`Dropout`, `Dropout2d`, `AlphaDropout`, `DropPath`, …). */
export interface DropoutOptions {
  /** Where the masks come from (default: the default generator at each forward). */
  generator?: Generator
}

/**
 * Inverted dropout: zeroes each element independently with probability `p` and scales the
 * survivors by `1/(1 − p)`, so `E[out] = x`; returns `x` itself when not training or p = 0, and
 * zeros when p = 1. ∂/∂x is the same mask times `1/(1 − p)`.
 * @see N. Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", JMLR 2014
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.dropout.html
 */
export function dropout(x: Tensor, p = 0.5, options: DropoutFunctionOptions = {}): Tensor {
  checkDropProbability('dropout', p)
  const { training = true, generator } = options
  if (!training || p === 0 || x.size === 0) return x
  return blockAffine('dropout', x, invertedScales(keepMask(x.size, p, generator), p), null, 1)
}

/**
 * Dropout as a layer (PyTorch's `nn.Dropout`): {@link dropout} with probability `p` (default
 * 0.5) in training mode, the identity in evaluation mode. Seeded by its `generator`.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Dropout.html
 */
export class Dropout extends Module<[Tensor], Tensor> {
  /** Probability of zeroing an element. */
  readonly p: number
  /** The generator masks are drawn from (`undefined`: the default generator). */
  readonly generator: Generator | undefined

  constructor(p = 0.5, options: DropoutOptions = {}) {
    super()
    checkDropProbability('Dropout', p)
    this.p = p
    this.generator = options.generator
  }

  forward(x: Tensor): Tensor {
    return dropout(x, this.p, { training: this.training, generator: this.generator })
  }
}
