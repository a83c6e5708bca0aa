import type { ScalarOrSchedule } from '@knack/core'
import { addWeightDecay } from './add-weight-decay'
import { chain } from './chain'
import { masked } from './masked'
import type { ParamMask } from './param-mask'
import { scaleByLr } from './scale'
import { scaleByTrustRatio } from './scale-by-trust-ratio'
import { trace } from './trace'

/** Options of {@link lars}; each number may be a schedule. */
export interface LarsOptions {
  /** Global learning rate γ (hyperparameter `lr`). */
  lr: ScalarOrSchedule
  /** Momentum factor μ (default 0.9, `momentum`). */
  momentum?: ScalarOrSchedule
  /** Weight decay β (default 0, `weightDecay`). */
  weightDecay?: ScalarOrSchedule
  /** Trust coefficient η (default 0.001, `trustCoefficient`). */
  trustCoefficient?: ScalarOrSchedule
  /** Nesterov momentum (default false). */
  nesterov?: boolean
  /**
   * The parameters that get weight decay and the trust ratio (default all); the others take
   * plain momentum SGD steps. E.g. `(_, p) => p.ndim > 1` leaves out biases and norms.
   */
  mask?: ParamMask
}

/**
 * LARS, layer-wise adaptive rate scaling: per parameter tensor `u = g + β·w`,
 * `b ← μ·b + γ·η·‖w‖/‖u‖·u` (trust ratio 1 where a norm is 0), `w ← w − b`. Equals
 * `chain(addWeightDecay, scaleByTrustRatio, scaleByLr, trace)`.
 * @see You, Gitman & Ginsburg, Large Batch Training of Convolutional Networks, 2017 (arXiv:1708.03888)
 */
export function lars(options: LarsOptions) {
  const decay = addWeightDecay(options.weightDecay ?? 0)
  const trust = scaleByTrustRatio({ trustCoefficient: options.trustCoefficient ?? 0.001 })
  const mask = options.mask
  return chain(
    mask === undefined ? decay : masked(decay, mask),
    mask === undefined ? trust : masked(trust, mask),
    scaleByLr(options.lr),
    trace({ momentum: options.momentum ?? 0.9, nesterov: options.nesterov ?? false }),
  )
}
