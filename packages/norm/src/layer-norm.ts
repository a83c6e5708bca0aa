import { ArgumentError, full, Module, Parameter, type Tensor } from '@knack/core'
import { layerNorm, toNormalizedShape } from './functional/layer-norm'

/** Options of {@link LayerNorm}. */
export interface LayerNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number
  /** Learn an elementwise scale `weight` and shift `bias` of shape `normalizedShape` (default true). */
  elementwiseAffine?: boolean
}

/**
 * Layer normalization over the trailing dimensions `normalizedShape` (PyTorch's
 * `nn.LayerNorm`): `y = (x − E[x]) / √(Var[x] + ε) · γ + β`, statistics per leading index,
 * with `weight` γ (ones) and `bias` β (zeros) of shape `normalizedShape`.
 * @see J. L. Ba, J. R. Kiros, G. E. Hinton, "Layer Normalization", 2016, https://arxiv.org/abs/1607.06450
 * @see https://pytorch.org/docs/stable/generated/torch.nn.LayerNorm.html
 */
export class LayerNorm extends Module<[Tensor], Tensor> {
  /** The trailing dimensions normalized over. */
  readonly normalizedShape: readonly number[]
  /** Added to the variance before the square root. */
  readonly eps: number
  /** Whether `weight` and `bias` are learned. */
  readonly elementwiseAffine: boolean
  /** Elementwise scale γ, or `null` without `elementwiseAffine`. */
  declare weight: Parameter | null
  /** Elementwise shift β, or `null` without `elementwiseAffine`. */
  declare bias: Parameter | null

  constructor(normalizedShape: number | readonly number[], options: LayerNormOptions = {}) {
    super()
    const { eps = 1e-5, elementwiseAffine = true } = options
    if (!(eps >= 0)) throw new ArgumentError('LayerNorm', `eps must be non-negative, got ${eps}`)
    const shape = toNormalizedShape('LayerNorm', normalizedShape)
    this.normalizedShape = Object.freeze(shape)
    this.eps = eps
    this.elementwiseAffine = elementwiseAffine
    const param = (value: number) => (elementwiseAffine ? new Parameter(full(shape, value)) : null)
    this.registerParameter('weight', param(1))
    this.registerParameter('bias', param(0))
  }

  /** Normalizes `x` over its trailing `normalizedShape` dimensions. */
  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps)
  }
}
