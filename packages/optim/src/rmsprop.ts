import type { ScalarOrSchedule } from '@knack/core'
import { addWeightDecay } from './add-weight-decay'
import { chain } from './chain'
import { scaleByLr } from './scale'
import { scaleByRms } from './scale-by-rms'
import { trace } from './trace'

/** Options of {@link rmsprop}, as `torch.optim.RMSprop`; each number may be a schedule. */
export interface RmspropOptions {
  /** Learning rate (default 1e-2, hyperparameter `lr`). */
  lr?: ScalarOrSchedule
  /** Smoothing constant α (default 0.99, `alpha`). */
  alpha?: ScalarOrSchedule
  /** Term added to the denominator (default 1e-8, `eps`). */
  eps?: ScalarOrSchedule
  /** L2 penalty λ added to the gradient (default 0, `weightDecay`). */
  weightDecay?: ScalarOrSchedule
  /** Momentum factor μ (default 0, `momentum`). */
  momentum?: ScalarOrSchedule
  /** Normalize by an estimate of the gradient's variance (default false). */
  centered?: boolean
}

/**
 * RMSProp with PyTorch's formulas: `g ← g + λ·p`, `s ← α·s + (1 − α)·g²`, `d = √s + ε`
 * (centered: `a ← α·a + (1 − α)·g`, `d = √(s − a²) + ε`); with momentum `b ← μ·b + g/d`,
 * `p ← p − lr·b`, else `p ← p − lr·g/d`. Equals `chain(addWeightDecay, scaleByRms, trace,
 * scaleByLr)`.
 * @see Hinton, Neural Networks for Machine Learning, lecture 6e, 2012
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.RMSprop.html
 */
export function rmsprop(options: RmspropOptions = {}) {
  return chain(
    addWeightDecay(options.weightDecay ?? 0),
    scaleByRms({
      alpha: options.alpha ?? 0.99,
      eps: options.eps ?? 1e-8,
      centered: options.centered ?? false,
    }),
    trace({ momentum: options.momentum ?? 0 }),
    scaleByLr(options.lr ?? 1e-2),
  )
}
