import type { ScalarOrSchedule } from '@knack/core'
import { addWeightDecay } from './add-weight-decay'
import { chain } from './chain'
import { scaleByLr } from './scale'
import { scaleByAdagrad } from './scale-by-adagrad'

/** Options of {@link adagrad}, as `torch.optim.Adagrad`; each number may be a schedule. */
export interface AdagradOptions {
  /** Learning rate (default 1e-2, hyperparameter `lr`). */
  lr?: ScalarOrSchedule
  /** Learning-rate decay per step (default 0, `lrDecay`). */
  lrDecay?: ScalarOrSchedule
  /** L2 penalty λ added to the gradient (default 0, `weightDecay`). */
  weightDecay?: ScalarOrSchedule
  /** Starting value of the sum of squares (default 0); a constant. */
  initialAccumulatorValue?: number
  /** Term added to the denominator (default 1e-10, `eps`). */
  eps?: ScalarOrSchedule
}

/**
 * Adagrad with PyTorch's formulas, per parameter at its own step t: `g ← g + λ·p`,
 * `s ← s + g²`, `p ← p − lr / (1 + (t − 1)·lrDecay) · g / (√s + ε)`. Equals
 * `chain(addWeightDecay, scaleByAdagrad, scaleByLr)`.
 * @see Duchi et al., Adaptive Subgradient Methods for Online Learning and Stochastic Optimization, 2011
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.Adagrad.html
 */
export function adagrad(options: AdagradOptions = {}) {
  return chain(
    addWeightDecay(options.weightDecay ?? 0),
    scaleByAdagrad({
      lrDecay: options.lrDecay ?? 0,
      eps: options.eps ?? 1e-10,
      initialAccumulatorValue: options.initialAccumulatorValue ?? 0,
    }),
    scaleByLr(options.lr ?? 1e-2),
  )
}
