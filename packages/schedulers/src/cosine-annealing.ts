import type { Schedule } from '@knack/core'
import { checkFinite, checkPositive } from './check'

/** Options of {@link cosineAnnealing}. */
export interface CosineAnnealingOptions {
  /** Learning rate at step 0 (η_max). */
  initial: number
  /** Number of steps from `initial` down to `etaMin` (half a cosine period). */
  tMax: number
  /** Lowest learning rate (η_min). Default 0. */
  etaMin?: number
}

/**
 * Cosine annealing from `initial` to `etaMin` over `tMax` steps (PyTorch's `CosineAnnealingLR`):
 * `lr(t) = etaMin + (initial − etaMin) · (1 + cos(π t / tMax)) / 2`.
 *
 * This is PyTorch's closed form. PyTorch's `step()` uses a recursive form (each rate derived
 * from the previous one, with a special case at `t = (2k+1)·tMax`); when nothing else changes
 * the rate, both agree to float64 rounding (within 1e-12 relative on the committed fixtures).
 * Past `tMax` the rate rises again with period `2·tMax`, exactly as PyTorch's does; to hold
 * `etaMin` instead, use `sequence([cosineAnnealing(o), constant(o.etaMin)], [o.tMax])`.
 *
 * @see Loshchilov & Hutter, SGDR: Stochastic Gradient Descent with Warm Restarts, 2017. https://arxiv.org/abs/1608.03983
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html
 */
export function cosineAnnealing({ initial, tMax, etaMin = 0 }: CosineAnnealingOptions): Schedule {
  checkFinite('cosineAnnealing', 'initial', initial)
  checkPositive('cosineAnnealing', 'tMax', tMax)
  checkFinite('cosineAnnealing', 'etaMin', etaMin)
  return (t) => etaMin + ((initial - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2
}
