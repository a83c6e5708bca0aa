import { ArgumentError, Module, type Reduction, type Tensor } from '@knack/core'
import { differenceLoss } from './difference-loss'

/** Options of {@link huberLoss}. */
export interface HuberLossOptions {
  /** Where the loss turns from quadratic to linear, > 0 (default 1). */
  delta?: number
  /** Default `'mean'` (over all elements). */
  reduction?: Reduction
}

/**
 * Huber loss of `d = input − target`: `½d²` where `|d| ≤ δ`, `δ·(|d| − ½δ)` beyond, so large
 * errors weigh linearly. `∂/∂input = clamp(d, −δ, δ)`, the negative for the target.
 * @see P. J. Huber, Robust Estimation of a Location Parameter, 1964
 * @see https://pytorch.org/docs/stable/generated/torch.nn.HuberLoss.html
 */
export function huberLoss(input: Tensor, target: Tensor, options: HuberLossOptions = {}): Tensor {
  const delta = options.delta ?? 1
  if (!(delta > 0) || !Number.isFinite(delta)) {
    throw new ArgumentError('huberLoss', `delta must be a finite number > 0, got ${delta}`)
  }
  const half = 0.5 * delta
  return differenceLoss(
    'huberLoss',
    input,
    target,
    options.reduction ?? 'mean',
    (d, out) => {
      for (let i = 0; i < d.length; i++) {
        const a = Math.abs(d[i]!)
        out[i] = a < delta ? 0.5 * a * a : delta * (a - half)
      }
    },
    (d, g, dx) => {
      for (let i = 0; i < d.length; i++) {
        const v = d[i]!
        dx[i] = g[i]! * Math.max(-delta, Math.min(v, delta))
      }
    },
  )
}

/** {@link huberLoss} as a module: `forward(input, target)`. @see https://pytorch.org/docs/stable/generated/torch.nn.HuberLoss.html */
export class HuberLoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: HuberLossOptions = {}) {
    super()
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, this.options)
  }
}
