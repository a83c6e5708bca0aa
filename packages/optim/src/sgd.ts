import type { ScalarOrSchedule } from '@knack/core'
import { addWeightDecay } from './add-weight-decay'
import { chain } from './chain'
import { scaleByLr } from './scale'
import { trace } from './trace'

/** Options of {@link sgd}, as `torch.optim.SGD`; each number may be a schedule. */
export interface SgdOptions {
  /** Learning rate (hyperparameter `lr`). */
  lr: ScalarOrSchedule
  /** Momentum factor μ (default 0, `momentum`). */
  momentum?: ScalarOrSchedule
  /** Dampening τ of the momentum (default 0, `dampening`). */
  dampening?: ScalarOrSchedule
  /** Nesterov momentum (default false). */
  nesterov?: boolean
  /** L2 penalty λ added to the gradient (default 0, `weightDecay`). */
  weightDecay?: ScalarOrSchedule
}

/**
 * Stochastic gradient descent with PyTorch's formulas: `g ← g + λ·p`; with momentum
 * `b ← g` (first step) then `b ← μ·b + (1 − τ)·g`, and `g ← b` (or `g + μ·b` with Nesterov);
 * `p ← p − lr·g`. Equals `chain(addWeightDecay, trace, scaleByLr)`.
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.SGD.html
 */
export function sgd(options: SgdOptions) {
  return chain(
    addWeightDecay(options.weightDecay ?? 0),
    trace({
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      nesterov: options.nesterov ?? false,
    }),
    scaleByLr(options.lr),
  )
}
