import type { ScalarOrSchedule } from '@knack/core'
import { addWeightDecay } from './add-weight-decay'
import { chain } from './chain'
import { masked } from './masked'
import type { ParamMask } from './param-mask'
import { scaleByLr } from './scale'
import { scaleByAdam } from './scale-by-adam'
import { scaleByTrustRatio } from './scale-by-trust-ratio'

/** Options of {@link lamb}; each number may be a schedule. */
export interface LambOptions {
  /** Learning rate η (default 1e-3, hyperparameter `lr`). */
  lr?: ScalarOrSchedule
  /** Moment decays β₁, β₂ (default [0.9, 0.999], `beta1` and `beta2`). */
  betas?: readonly [ScalarOrSchedule, ScalarOrSchedule]
  /** Term added to the denominator, outside the square root (default 1e-6, `eps`). */
  eps?: ScalarOrSchedule
  /** Weight decay λ (default 0, `weightDecay`). */
  weightDecay?: ScalarOrSchedule
  /**
   * The parameters that get weight decay and the trust ratio (default all); the others take
   * plain Adam steps. E.g. `(_, p) => p.ndim > 1` leaves out biases and norms.
   */
  mask?: ParamMask
}

/**
 * LAMB, layer-wise adaptive moments: per parameter tensor at its own step t, Adam's
 * `r = (m / (1 − β₁ᵗ)) / (√v / √(1 − β₂ᵗ) + ε)`, `u = r + λ·w`,
 * `w ← w − η·‖w‖/‖u‖·u` (trust ratio 1 where a norm is 0). Equals
 * `chain(scaleByAdam, addWeightDecay, scaleByTrustRatio, scaleByLr)`.
 * @see You et al., Large Batch Optimization for Deep Learning: Training BERT in 76 minutes, 2019 (arXiv:1904.00962)
 */
export function lamb(options: LambOptions = {}) {
  const [beta1, beta2] = options.betas ?? [0.9, 0.999]
  const decay = addWeightDecay(options.weightDecay ?? 0)
  const trust = scaleByTrustRatio()
  const mask = options.mask
  return chain(
    scaleByAdam({ beta1, beta2, eps: options.eps ?? 1e-6 }),
    mask === undefined ? decay : masked(decay, mask),
    mask === undefined ? trust : masked(trust, mask),
    scaleByLr(options.lr ?? 1e-3),
  )
}
