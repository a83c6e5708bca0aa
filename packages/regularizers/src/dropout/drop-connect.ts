import {
  formatShape,
  type Generator,
  linear,
  Module,
  type Parameter,
  ShapeError,
  type Tensor,
} from '@knack/core'
import { blockAffine } from './block-affine'
import type { DropoutOptions } from './dropout'
import { checkDropProbability, invertedScales, keepMask } from './keep-mask'

/** A fully connected layer as `DropConnect` sees it: `weight` `[out, in]` and an optional `bias`. */
export type LinearLike = Module & { readonly weight: Parameter; readonly bias?: Parameter | null }

/**
 * DropConnect around a fully connected layer: in training, each forward drops every weight
 * independently with probability `p` and scales the kept ones by `1/(1 − p)`,
 * `y = x·(M ⊙ W / (1 − p))ᵀ + b` with one mask `M` per forward (shared by the batch); the
 * bias is not dropped. In evaluation it is the plain layer `y = x·Wᵀ + b` (the mean of the
 * training output, the inverted-dropout approximation rather than the paper's Gaussian
 * sampling at inference).
 *
 * The wrapper registers the layer's own `weight` and `bias` (shared, not copied) under the same
 * names, so its state dict is the wrapped layer's: a checkpoint moves between the two.
 * @see L. Wan et al., "Regularization of Neural Networks using DropConnect", ICML 2013, https://proceedings.mlr.press/v28/wan13.html
 */
export class DropConnect extends Module<[Tensor], Tensor> {
  declare readonly weight: Parameter
  declare readonly bias: Parameter | null
  /** Probability of dropping a weight. */
  readonly p: number
  /** The generator masks are drawn from (`undefined`: the default generator). */
  readonly generator: Generator | undefined
  readonly #wrapped: LinearLike

  constructor(layer: LinearLike, p = 0.5, options: DropoutOptions = {}) {
    super()
    checkDropProbability('DropConnect', p)
    if (layer.weight.ndim !== 2) {
      throw new ShapeError(
        'DropConnect',
        `the wrapped layer's weight must be 2-D [out_features, in_features], got ${formatShape(layer.weight.shape)}`,
        'wrap a Linear layer',
      )
    }
    this.p = p
    this.generator = options.generator
    this.#wrapped = layer
    this.registerParameter('weight', layer.weight)
    this.registerParameter('bias', layer.bias ?? null)
  }

  /** The wrapped layer (its parameters are this module's). */
  get wrapped(): LinearLike {
    return this.#wrapped
  }

  forward(x: Tensor): Tensor {
    const w = this.weight
    if (!this.training || this.p === 0) return linear(x, w, this.bias)
    const scale = invertedScales(keepMask(w.size, this.p, this.generator), this.p)
    return linear(x, blockAffine('DropConnect', w, scale, null, 1), this.bias)
  }
}
