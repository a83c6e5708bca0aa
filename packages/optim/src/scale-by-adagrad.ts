import {
  ArgumentError,
  type GradientTransform,
  type ScalarOrSchedule,
  type Tensor,
} from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
import { inPlaceTransform } from './in-place'
import { filled, updateSlots } from './param-tree'

/** Options of {@link scaleByAdagrad}. */
export interface ScaleByAdagradOptions {
  /** Learning-rate decay per step (default 0, hyperparameter `lrDecay`). */
  lrDecay?: ScalarOrSchedule
  /** Term added to the denominator, outside the square root (default 1e-10, `eps`). */
  eps?: ScalarOrSchedule
  /** Starting value of the sum of squares (default 0); a constant, used once at init. */
  initialAccumulatorValue?: number
}

/** Per-parameter state of {@link scaleByAdagrad}, named as in PyTorch's Adagrad state. */
export interface AdagradBuffers {
  /** Updates of this parameter so far (a 0-d tensor). */
  step: Tensor
  /** Sum of squared gradients. */
  sum: Tensor
}

/** State of {@link scaleByAdagrad}. */
export interface ScaleByAdagradState {
  hyper: HyperState
  buffers: Record<string, AdagradBuffers>
}

/**
 * Adagrad's preconditioner with PyTorch's formulas, per parameter at its own step t:
 * `s ← s + g²`, `u = g / (√s + ε) / (1 + (t − 1)·lrDecay)`, with `s` starting at
 * `initialAccumulatorValue`. Follow it with {@link scaleByLr}.
 * @see Duchi et al., Adaptive Subgradient Methods for Online Learning and Stochastic Optimization, 2011
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.Adagrad.html
 */
export function scaleByAdagrad(
  options: ScaleByAdagradOptions = {},
): GradientTransform<ScaleByAdagradState> {
  const spec = hyperSpec('scaleByAdagrad', {
    lrDecay: [options.lrDecay ?? 0, 'nonNegative'],
    eps: [options.eps ?? 1e-10, 'nonNegative'],
  })
  const initial = options.initialAccumulatorValue ?? 0
  if (!(Number.isFinite(initial) && initial >= 0)) {
    throw new ArgumentError(
      'scaleByAdagrad',
      `initialAccumulatorValue must be a finite number ≥ 0, got ${initial}`,
      'pass a non-negative starting sum',
    )
  }
  return inPlaceTransform(
    (params) => {
      const buffers: Record<string, AdagradBuffers> = {}
      for (const name in params) {
        buffers[name] = { step: filled([], 0), sum: filled(params[name]!.shape, initial) }
      }
      return { hyper: initHyper(spec), buffers }
    },
    (updates, state) => {
      const lrDecay = hyperValue(state.hyper, 'lrDecay')
      const eps = hyperValue(state.hyper, 'eps')
      const slots = updateSlots('scaleByAdagrad', state.buffers, updates, (slot) => slot.sum)
      return () => {
        for (const [u, slot] of slots) {
          const t = slot.step.data[0]! + 1
          const decay = 1 + (t - 1) * lrDecay
          const s = slot.sum.data
          for (let i = 0; i < u.length; i++) {
            const g = u[i]!
            s[i] = s[i]! + g * g
            u[i] = g / (Math.sqrt(s[i]!) + eps) / decay
          }
          slot.step.data[0] = t
        }
        return { hyper: nextHyper(state.hyper), buffers: state.buffers }
      }
    },
  )
}
