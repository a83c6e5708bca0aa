import type { ScalarOrSchedule } from '@knack/core'
import { addWeightDecay } from './add-weight-decay'
import { chain } from './chain'
import { scaleByLr } from './scale'
import { scaleByAdam } from './scale-by-adam'

/** Options of {@link adam}, as `torch.optim.Adam`; each number may be a schedule. */
export interface AdamOptions {
  /** Learning rate (default 1e-3, hyperparameter `lr`). */
  lr?: ScalarOrSchedule
  /** Moment decays β₁, β₂ (default [0.9, 0.999], `beta1` and `beta2`). */
  betas?: readonly [ScalarOrSchedule, ScalarOrSchedule]
  /** Term added to the denominator, outside the square root (default 1e-8, `eps`). */
  eps?: ScalarOrSchedule
  /** L2 penalty λ added to the gradient (default 0, `weightDecay`); see {@link adamw}. */
  weightDecay?: ScalarOrSchedule
  /** AMSGrad: use the running maximum of the second moment (default false). */
  amsgrad?: boolean
}

/**
 * Adam with PyTorch's formulas, per parameter at its own step t: `g ← g + λ·p` (L2),
 * `m ← β₁·m + (1 − β₁)·g`, `v ← β₂·v + (1 − β₂)·g²`,
 * `p ← p − lr·(m / (1 − β₁ᵗ)) / (√v / √(1 − β₂ᵗ) + ε)`; AMSGrad uses `max(v̂, v)`. Equals
 * `chain(addWeightDecay, scaleByAdam, scaleByLr)`.
 * @see Kingma & Ba, Adam: A Method for Stochastic Optimization, 2015 (arXiv:1412.6980)
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.Adam.html
 */
export function adam(options: AdamOptions = {}) {
  const [beta1, beta2] = options.betas ?? [0.9, 0.999]
  return chain(
    addWeightDecay(options.weightDecay ?? 0),
    scaleByAdam({ beta1, beta2, eps: options.eps ?? 1e-8, amsgrad: options.amsgrad ?? false }),
    scaleByLr(options.lr ?? 1e-3),
  )
}
