import {
  ArgumentError,
  formatShape,
  full,
  Module,
  Parameter,
  ShapeError,
  type Tensor,
  zeros,
} from '@knack/core'
import { batchNorm } from './functional/batch-norm'

/** Options of {@link BatchNorm1d} and {@link BatchNorm2d}. */
export interface BatchNormLayerOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number
  /**
   * Weight of each batch in the running statistics (default 0.1); `null` gives the cumulative
   * moving average, `1 / num_batches_tracked`.
   */
  momentum?: number | null
  /** Learn a per-channel scale `weight` and shift `bias` (default true). */
  affine?: boolean
  /**
   * Keep `running_mean`/`running_var` for evaluation (default true); without them the batch
   * statistics are used in both modes.
   */
  trackRunningStats?: boolean
}

/**
 * The batch-normalization layer shared by {@link BatchNorm1d} and {@link BatchNorm2d}
 * (PyTorch's `_BatchNorm`), with PyTorch's parameter and buffer names: `weight`, `bias`,
 * `running_mean`, `running_var`, `num_batches_tracked` (int32).
 *
 * In training it normalizes with the batch mean and biased variance and updates
 * `running = (1 − momentum)·running + momentum·batch` (unbiased variance); with
 * `momentum: null` the factor is `1 / num_batches_tracked`, a cumulative average. In evaluation
 * it normalizes with the running statistics.
 * @see S. Ioffe, C. Szegedy, "Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift", ICML 2015, https://arxiv.org/abs/1502.03167
 */
export abstract class BatchNormBase extends Module<[Tensor], Tensor> {
  /** Number of channels C. */
  readonly numFeatures: number
  /** Added to the variance before the square root. */
  readonly eps: number
  /** Weight of each batch in the running statistics; `null` for the cumulative average. */
  momentum: number | null
  /** Whether `weight` and `bias` are learned. */
  readonly affine: boolean
  /** Whether running statistics are kept for evaluation. */
  readonly trackRunningStats: boolean
  /** Per-channel scale γ (ones at first), or `null` without `affine`. */
  declare weight: Parameter | null
  /** Per-channel shift β (zeros at first), or `null` without `affine`. */
  declare bias: Parameter | null
  /** Running mean per channel, or `null` without `trackRunningStats`. */
  declare running_mean: Tensor | null
  /** Running unbiased variance per channel, or `null` without `trackRunningStats`. */
  declare running_var: Tensor | null
  /** Number of training batches seen (int32 scalar), or `null` without `trackRunningStats`. */
  declare num_batches_tracked: Tensor | null

  constructor(numFeatures: number, options: BatchNormLayerOptions = {}) {
    super()
    const { eps = 1e-5, momentum = 0.1, affine = true, trackRunningStats = true } = options
    const name = new.target.name
    if (!Number.isInteger(numFeatures) || numFeatures < 1) {
      throw new ArgumentError(
        name,
        `numFeatures must be a positive integer, got ${numFeatures}`,
        'pass the number of channels C of the [N, C, …] input',
      )
    }
    if (!(eps >= 0) || (momentum !== null && !Number.isFinite(momentum))) {
      throw new ArgumentError(
        name,
        `eps must be non-negative and momentum finite or null, got eps ${eps} and momentum ${momentum}`,
      )
    }
    this.numFeatures = numFeatures
    this.eps = eps
    this.momentum = momentum
    this.affine = affine
    this.trackRunningStats = trackRunningStats
    this.registerParameter('weight', affine ? new Parameter(full([numFeatures], 1)) : null)
    this.registerParameter('bias', affine ? new Parameter(zeros([numFeatures])) : null)
    this.registerBuffer('running_mean', trackRunningStats ? zeros([numFeatures]) : null)
    this.registerBuffer('running_var', trackRunningStats ? full([numFeatures], 1) : null)
    this.registerBuffer(
      'num_batches_tracked',
      trackRunningStats ? zeros([], { dtype: 'int32' }) : null,
    )
  }

  /** Throws unless `x` has the dimensions this layer accepts. */
  protected abstract checkInputDim(x: Tensor): void

  /** Resets the running statistics: mean 0, variance 1, no batch seen. */
  resetRunningStats(): void {
    this.running_mean?.fill_(0)
    this.running_var?.fill_(1)
    this.num_batches_tracked?.fill_(0)
  }

  /** Resets the running statistics and the affine parameters (γ = 1, β = 0). */
  resetParameters(): void {
    this.resetRunningStats()
    this.weight?.fill_(1)
    this.bias?.fill_(0)
  }

  /** Normalizes `x` (`[N, C, …]`) per channel; see the class description. */
  forward(x: Tensor): Tensor {
    this.checkInputDim(x)
    if (x.shape[1] !== this.numFeatures) {
      throw new ShapeError(
        this.constructor.name,
        `input ${formatShape(x.shape)} has ${x.shape[1]} channels but the layer has ${this.numFeatures}`,
        'the channel dimension is dimension 1 ([N, C, …])',
      )
    }
    const counter = this.num_batches_tracked
    const updates = this.training && this.trackRunningStats && counter !== null
    const batches = updates ? counter.data[0]! + 1 : 0
    const factor = !updates ? 0 : this.momentum === null ? 1 / batches : this.momentum
    const useRunning = !this.training || this.trackRunningStats
    const out = batchNorm(
      x,
      useRunning ? this.running_mean : null,
      useRunning ? this.running_var : null,
      this.weight,
      this.bias,
      {
        training: this.training || (this.running_mean === null && this.running_var === null),
        momentum: factor,
        eps: this.eps,
      },
    )
    if (updates) counter.data[0] = batches
    return out
  }
}

/**
 * Batch normalization of `[N, C]` features or `[N, C, L]` sequences over the batch (and
 * length) dimensions, per channel: `y = (x − E[x]) / √(Var[x] + ε) · γ + β`.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm1d.html
 */
export class BatchNorm1d extends BatchNormBase {
  protected checkInputDim(x: Tensor): void {
    if (x.ndim !== 2 && x.ndim !== 3) {
      throw new ShapeError(
        'BatchNorm1d',
        `expected a 2-D [N, C] or 3-D [N, C, L] input, got ${formatShape(x.shape)}`,
        'use BatchNorm2d for [N, C, H, W] images',
      )
    }
  }
}

/**
 * Batch normalization of `[N, C, H, W]` images over the batch and spatial dimensions, per
 * channel: `y = (x − E[x]) / √(Var[x] + ε) · γ + β`.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm2d.html
 */
export class BatchNorm2d extends BatchNormBase {
  protected checkInputDim(x: Tensor): void {
    if (x.ndim !== 4) {
      throw new ShapeError(
        'BatchNorm2d',
        `expected a 4-D [N, C, H, W] input, got ${formatShape(x.shape)}`,
        'use BatchNorm1d for [N, C] or [N, C, L] inputs',
      )
    }
  }
}
