import { ArgumentError, formatShape, recordOp, ShapeError, Tensor } from '@knack/core'
import { checkFloat, checkParam } from './check-param'

/** Options of {@link batchNorm}. */
export interface BatchNormOptions {
  /**
   * Normalize with the statistics of this batch and update the running statistics (default
   * false: normalize with the running statistics).
   */
  training?: boolean
  /** Weight of the batch statistic in the running update (default 0.1). */
  momentum?: number
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number
}

/**
 * Batch normalization over the channels of `x` (`[N, C, *]`), as one fused op (PyTorch's
 * `F.batch_norm`): `y = (x − μ) / √(σ² + ε) · γ + β` per channel.
 *
 * In training, μ and σ² are the mean and biased variance of the batch over every dimension but
 * the channel one, and the running statistics (when given) are updated in place:
 * `running = (1 − momentum)·running + momentum·batch`, with the unbiased variance
 * `σ²·n/(n − 1)`. Otherwise μ and σ² are the running statistics. The backward pass is the
 * closed form `∂x = γ/σ̂ · (g − mean(g) − x̂·mean(g·x̂))` (batch statistics) or `γ/σ̂ · g`
 * (running statistics); `∂γ = Σ g·x̂`, `∂β = Σ g`.
 * @see S. Ioffe, C. Szegedy, "Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift", ICML 2015, https://arxiv.org/abs/1502.03167
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.batch_norm.html
 */
export function batchNorm(
  x: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight?: Tensor | null,
  bias?: Tensor | null,
  options: BatchNormOptions = {},
): Tensor {
  const { training = false, momentum = 0.1, eps = 1e-5 } = options
  checkFloat('batchNorm', 'the input', x)
  if (x.ndim < 2) {
    throw new ShapeError(
      'batchNorm',
      `input must be [N, C, *] with at least 2 dimensions, got ${formatShape(x.shape)}`,
      'add a batch dimension (x.unsqueeze(0)) or a channel dimension',
    )
  }
  const n = x.shape[0]!
  const channels = x.shape[1]!
  const inner = x.size / Math.max(n * channels, 1)
  const count = n * inner
  for (const [what, t] of [
    ['running_mean', runningMean],
    ['running_var', runningVar],
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    checkParam('batchNorm', what, t, [channels], x.shape)
  }
  if (!(eps >= 0) || !Number.isFinite(momentum)) {
    throw new ArgumentError(
      'batchNorm',
      `eps must be non-negative and momentum finite, got eps ${eps} and momentum ${momentum}`,
    )
  }
  if (!training && (runningMean === null || runningVar === null)) {
    throw new ArgumentError(
      'batchNorm',
      'evaluation mode (training: false) needs both running_mean and running_var',
      'pass the running statistics, or training: true to use the batch statistics',
    )
  }
  if (training && count <= 1) {
    throw new ShapeError(
      'batchNorm',
      `training needs more than one value per channel, got input ${formatShape(x.shape)}`,
      'use a batch of at least 2 samples, or eval() mode',
    )
  }

  const src = x.data
  const mean = new Float64Array(channels)
  const invStd = new Float64Array(channels)
  if (training) {
    for (let b = 0; b < n; b++) {
      for (let c = 0; c < channels; c++) {
        const base = (b * channels + c) * inner
        let s = 0
        for (let i = base; i < base + inner; i++) s += src[i]!
        mean[c]! += s
      }
    }
    for (let c = 0; c < channels; c++) mean[c]! /= count
    const squares = new Float64Array(channels)
    for (let b = 0; b < n; b++) {
      for (let c = 0; c < channels; c++) {
        const base = (b * channels + c) * inner
        const m = mean[c]!
        let s = 0
        for (let i = base; i < base + inner; i++) {
          const d = src[i]! - m
          s += d * d
        }
        squares[c]! += s
      }
    }
    for (let c = 0; c < channels; c++) {
      const biased = squares[c]! / count
      invStd[c] = 1 / Math.sqrt(biased + eps)
      if (runningMean !== null) {
        runningMean.data[c] = (1 - momentum) * runningMean.data[c]! + momentum * mean[c]!
      }
      if (runningVar !== null) {
        const unbiased = squares[c]! / (count - 1)
        runningVar.data[c] = (1 - momentum) * runningVar.data[c]! + momentum * unbiased
      }
    }
  } else {
    for (let c = 0; c < channels; c++) {
      mean[c] = runningMean!.data[c]!
      invStd[c] = 1 / Math.sqrt(runningVar!.data[c]! + eps)
    }
  }

  const gamma = weight?.data
  const beta = bias?.data
  const y = new Float32Array(src.length)
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < channels; c++) {
      const base = (b * channels + c) * inner
      const scale = (gamma === undefined ? 1 : gamma[c]!) * invStd[c]!
      const shift = (beta === undefined ? 0 : beta[c]!) - mean[c]! * scale
      for (let i = base; i < base + inner; i++) y[i] = src[i]! * scale + shift
    }
  }

  const inputs = [x]
  if (weight != null) inputs.push(weight)
  if (bias != null) inputs.push(bias)
  return recordOp(new Tensor(y, x.shape), 'batchNorm', inputs, (g) => {
    const gd = g.data
    // Per channel: Σ g and Σ g·x̂.
    const sumG = new Float64Array(channels)
    const sumGx = new Float64Array(channels)
    for (let b = 0; b < n; b++) {
      for (let c = 0; c < channels; c++) {
        const base = (b * channels + c) * inner
        const m = mean[c]!
        let sg = 0
        let sgx = 0
        for (let i = base; i < base + inner; i++) {
          sg += gd[i]!
          sgx += gd[i]! * (src[i]! - m)
        }
        sumG[c]! += sg
        sumGx[c]! += sgx * invStd[c]!
      }
    }
    let dx: Tensor | null = null
    if (x.requiresGrad) {
      const grad = new Float32Array(src.length)
      for (let b = 0; b < n; b++) {
        for (let c = 0; c < channels; c++) {
          const base = (b * channels + c) * inner
          const k = (gamma === undefined ? 1 : gamma[c]!) * invStd[c]!
          if (training) {
            const meanG = sumG[c]! / count
            const meanGx = sumGx[c]! / count
            const m = mean[c]!
            const s = invStd[c]!
            for (let i = base; i < base + inner; i++) {
              grad[i] = k * (gd[i]! - meanG - (src[i]! - m) * s * meanGx)
            }
          } else {
            for (let i = base; i < base + inner; i++) grad[i] = k * gd[i]!
          }
        }
      }
      dx = new Tensor(grad, x.shape)
    }
    const grads: (Tensor | null)[] = [dx]
    if (weight != null) {
      grads.push(weight.requiresGrad ? new Tensor(Float32Array.from(sumGx), [channels]) : null)
    }
    if (bias != null) {
      grads.push(bias.requiresGrad ? new Tensor(Float32Array.from(sumG), [channels]) : null)
    }
    return grads
  })
}
