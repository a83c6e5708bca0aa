import { ArgumentError, formatShape, ShapeError, type Tensor } from '@knack/core'
import { checkFloat, checkParam } from './check-param'
import { rowNorm } from './row-norm'

/**
 * Group normalization of `x` (`[N, C, *]`), as one fused op (PyTorch's `F.group_norm`): the
 * channels are split into `numGroups` groups of `C / numGroups`, and each sample's group is
 * normalized over its channels and spatial positions, `y = (x − μ) / √(σ² + ε) · γ_c + β_c`
 * (biased variance), with the optional `γ`, `β` of shape `[C]` applied per channel.
 * @see Y. Wu, K. He, "Group Normalization", ECCV 2018, https://arxiv.org/abs/1803.08494
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.group_norm.html
 */
export function groupNorm(
  x: Tensor,
  numGroups: number,
  weight?: Tensor | null,
  bias?: Tensor | null,
  eps = 1e-5,
): Tensor {
  checkFloat('groupNorm', 'the input', x)
  if (x.ndim < 2) {
    throw new ShapeError(
      'groupNorm',
      `input must be [N, C, *] with at least 2 dimensions, got ${formatShape(x.shape)}`,
      'add a batch dimension with x.unsqueeze(0)',
    )
  }
  const n = x.shape[0]!
  const channels = x.shape[1]!
  if (!Number.isInteger(numGroups) || numGroups < 1 || channels % numGroups !== 0) {
    throw new ArgumentError(
      'groupNorm',
      `numGroups must be a positive integer dividing the ${channels} channels of input ${formatShape(x.shape)}, got ${numGroups}`,
      'choose a divisor of the channel count',
    )
  }
  checkParam('groupNorm', 'weight', weight, [channels], x.shape)
  checkParam('groupNorm', 'bias', bias, [channels], x.shape)
  if (!(eps >= 0)) throw new ArgumentError('groupNorm', `eps must be non-negative, got ${eps}`)
  let span = 1
  for (let i = 2; i < x.ndim; i++) span *= x.shape[i]!
  const layout = { rows: n * numGroups, segments: channels / numGroups, span, cycle: numGroups }
  return rowNorm('groupNorm', x, layout, weight, bias, eps)
}
