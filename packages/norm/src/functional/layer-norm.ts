import { ArgumentError, formatShape, ShapeError, type Tensor } from '@knack/core'
import { checkFloat, checkParam } from './check-param'
import { rowNorm } from './row-norm'

/** `normalizedShape` as a list of sizes, checked. @internal */
export function toNormalizedShape(
  op: string,
  normalizedShape: number | readonly number[],
): number[] {
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape]
  if (shape.length === 0 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new ArgumentError(
      op,
      `normalizedShape must be one or more positive integers, got ${JSON.stringify(normalizedShape)}`,
      'pass the trailing dimensions to normalize over, e.g. [hidden] or [C, H, W]',
    )
  }
  return shape
}

/**
 * Layer normalization over the trailing dimensions `normalizedShape` of `x`, as one fused op
 * (PyTorch's `F.layer_norm`): `y = (x − μ) / √(σ² + ε) · γ + β`, with μ and the biased
 * variance σ² taken over those dimensions for each leading index, and `γ`, `β` (optional) of
 * shape `normalizedShape`, applied elementwise.
 * @see J. L. Ba, J. R. Kiros, G. E. Hinton, "Layer Normalization", 2016, https://arxiv.org/abs/1607.06450
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.layer_norm.html
 */
export function layerNorm(
  x: Tensor,
  normalizedShape: number | readonly number[],
  weight?: Tensor | null,
  bias?: Tensor | null,
  eps = 1e-5,
): Tensor {
  const shape = toNormalizedShape('layerNorm', normalizedShape)
  checkFloat('layerNorm', 'the input', x)
  const lead = x.ndim - shape.length
  if (lead < 0 || shape.some((d, i) => x.shape[lead + i] !== d)) {
    throw new ShapeError(
      'layerNorm',
      `input ${formatShape(x.shape)} does not end with normalizedShape ${formatShape(shape)}`,
      'normalizedShape names the trailing dimensions of the input',
    )
  }
  checkParam('layerNorm', 'weight', weight, shape, x.shape)
  checkParam('layerNorm', 'bias', bias, shape, x.shape)
  if (!(eps >= 0)) throw new ArgumentError('layerNorm', `eps must be non-negative, got ${eps}`)
  let segments = 1
  for (const d of shape) segments *= d
  const layout = { rows: x.size / segments, segments, span: 1, cycle: 1 }
  return rowNorm('layerNorm', x, layout, weight, bias, eps)
}
