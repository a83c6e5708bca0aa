import {
  ArgumentError,
  formatShape,
  full,
  Module,
  Parameter,
  ShapeError,
  type Tensor,
} from '@knack/core'
import { groupNorm } from './functional/group-norm'

/** Options of {@link GroupNorm}. */
export interface GroupNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number
  /** Learn a per-channel scale `weight` and shift `bias` (default true). */
  affine?: boolean
}

/**
 * Group normalization (PyTorch's `nn.GroupNorm`): the `numChannels` channels of an
 * `[N, C, *]` input are split into `numGroups` groups, each normalized per sample over its
 * channels and positions, `y = (x − E[x]) / √(Var[x] + ε) · γ + β`, with per-channel `weight`
 * γ (ones) and `bias` β (zeros). Independent of the batch size; `numGroups = 1` is layer
 * normalization over `[C, *]` with per-channel affine, `numGroups = C` instance normalization.
 * @see Y. Wu, K. He, "Group Normalization", ECCV 2018, https://arxiv.org/abs/1803.08494
 * @see https://pytorch.org/docs/stable/generated/torch.nn.GroupNorm.html
 */
export class GroupNorm extends Module<[Tensor], Tensor> {
  /** Number of channel groups. */
  readonly numGroups: number
  /** Number of channels C. */
  readonly numChannels: number
  /** Added to the variance before the square root. */
  readonly eps: number
  /** Whether `weight` and `bias` are learned. */
  readonly affine: boolean
  /** Per-channel scale γ, or `null` without `affine`. */
  declare weight: Parameter | null
  /** Per-channel shift β, or `null` without `affine`. */
  declare bias: Parameter | null

  constructor(numGroups: number, numChannels: number, options: GroupNormOptions = {}) {
    super()
    const { eps = 1e-5, affine = true } = options
    if (
      !Number.isInteger(numGroups) ||
      !Number.isInteger(numChannels) ||
      numGroups < 1 ||
      numChannels < 1 ||
      numChannels % numGroups !== 0
    ) {
      throw new ArgumentError(
        'GroupNorm',
        `numChannels (${numChannels}) must be a positive multiple of numGroups (${numGroups})`,
        'choose a number of groups that divides the channel count',
      )
    }
    if (!(eps >= 0)) throw new ArgumentError('GroupNorm', `eps must be non-negative, got ${eps}`)
    this.numGroups = numGroups
    this.numChannels = numChannels
    this.eps = eps
    this.affine = affine
    const param = (value: number) => (affine ? new Parameter(full([numChannels], value)) : null)
    this.registerParameter('weight', param(1))
    this.registerParameter('bias', param(0))
  }

  /** Normalizes `x` (`[N, C, *]`) per sample and group of channels. */
  forward(x: Tensor): Tensor {
    if (x.ndim < 2 || x.shape[1] !== this.numChannels) {
      throw new ShapeError(
        'GroupNorm',
        `expected an [N, ${this.numChannels}, *] input, got ${formatShape(x.shape)}`,
        'the channel dimension is dimension 1',
      )
    }
    return groupNorm(x, this.numGroups, this.weight, this.bias, this.eps)
  }
}
