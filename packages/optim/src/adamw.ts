import type { ScalarOrSchedule } from '@knack/core'
import { addWeightDecay } from './add-weight-decay'
import { chain } from './chain'
import { masked } from './masked'
import type { ParamMask } from './param-mask'
import { scaleByLr } from './scale'
import { scaleByAdam } from './scale-by-adam'

/** Options of {@link adamw}, as `torch.optim.AdamW`; each number may be a schedule. */
export interface AdamwOptions {
  /** Learning rate (default 1e-3, hyperparameter `lr`). */
  lr?: ScalarOrSchedule
  /** Moment decays β₁, β₂ (default [0.9, 0.999], `beta1` and `beta2`). */
  betas?: readonly [ScalarOrSchedule, ScalarOrSchedule]
  /** Term added to the denominator, outside the square root (default 1e-8, `eps`). */
  eps?: ScalarOrSchedule
  /** Decoupled weight decay λ (default 1e-2, `weightDecay`). */
  weightDecay?: ScalarOrSchedule
  /** AMSGrad: use the running maximum of the second moment (default false). */
  amsgrad?: boolean
  /** The parameters that decay (default all), e.g. `(_, p) => p.ndim > 1`. */
  weightDecayMask?: ParamMask
}

/**
 * AdamW with PyTorch's formulas: Adam's step plus decoupled weight decay,
 * `p ← p − lr·λ·p − lr·(m / (1 − β₁ᵗ)) / (√v / √(1 − β₂ᵗ) + ε)`; the decay never enters the
 * moments. Equals `chain(scaleByAdam, addWeightDecay, scaleByLr)`.
 * @see Loshchilov & Hutter, Decoupled Weight Decay Regularization, 2019 (arXiv:1711.05101)
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.AdamW.html
 */
export function adamw(options: AdamwOptions = {}) {
  const [beta1, beta2] = options.betas ?? [0.9, 0.999]
  const decay = addWeightDecay(options.weightDecay ?? 1e-2)
  return chain(
    scaleByAdam({ beta1, beta2, eps: options.eps ?? 1e-8, amsgrad: options.amsgrad ?? false }),
    options.weightDecayMask === undefined ? decay : masked(decay, options.weightDecayMask),
    scaleByLr(options.lr ?? 1e-3),
  )
}
