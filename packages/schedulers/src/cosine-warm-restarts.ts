import type { Schedule } from '@knack/core'
import { checkFinite, checkInteger } from './check'

/** Options of {@link cosineWarmRestarts}. */
export interface CosineWarmRestartsOptions {
  /** Learning rate at step 0 and after each restart (η_max). */
  initial: number
  /** Length of the first cycle in steps. */
  t0: number
  /** Each cycle is `tMult` times longer than the previous one. Default 1. */
  tMult?: number
  /** Lowest learning rate (η_min). Default 0. */
  etaMin?: number
}

/**
 * Cosine annealing with warm restarts, SGDR (PyTorch's `CosineAnnealingWarmRestarts`):
 * `lr(t) = etaMin + (initial − etaMin) · (1 + cos(π T_cur / T_i)) / 2`, where cycle i lasts
 * `T_i = t0 · tMult^i` steps and `T_cur` counts the steps since the last restart.
 *
 * @see Loshchilov & Hutter, SGDR: Stochastic Gradient Descent with Warm Restarts, 2017. https://arxiv.org/abs/1608.03983
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingWarmRestarts.html
 */
export function cosineWarmRestarts({
  initial,
  t0,
  tMult = 1,
  etaMin = 0,
}: CosineWarmRestartsOptions): Schedule {
  checkFinite('cosineWarmRestarts', 'initial', initial)
  checkInteger('cosineWarmRestarts', 't0', t0, 1)
  checkInteger('cosineWarmRestarts', 'tMult', tMult, 1)
  checkFinite('cosineWarmRestarts', 'etaMin', etaMin)
  return (t) => {
    let tCur = t
    let tI = t0
    if (tMult === 1) {
      tCur = t % t0
    } else {
      while (tCur >= tI) {
        tCur -= tI
        tI *= tMult
      }
    }
    return etaMin + ((initial - etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2
  }
}
