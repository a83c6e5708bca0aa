import type { GradientTransform, ScalarOrSchedule, Tensor } from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
import { inPlaceTransform } from './in-place'
import { filled, updateSlots } from './param-tree'

/** Options of {@link scaleByRms}. */
export interface ScaleByRmsOptions {
  /** Smoothing constant α of the running averages (default 0.99, hyperparameter `alpha`). */
  alpha?: ScalarOrSchedule
  /** Term added to the denominator, outside the square root (default 1e-8, `eps`). */
  eps?: ScalarOrSchedule
  /** Divide by an estimate of the variance rather than the second moment (default false). */
  centered?: boolean
}

/** Per-parameter state of {@link scaleByRms}, named as in PyTorch's RMSprop state. */
export interface RmsBuffers {
  square_avg: Tensor
  /** Running average of the gradient, when centered. */
  grad_avg?: Tensor
}

/** State of {@link scaleByRms}. */
export interface ScaleByRmsState {
  hyper: HyperState
  buffers: Record<string, RmsBuffers>
}

/**
 * RMSProp's preconditioner with PyTorch's formulas: `s ← α·s + (1 − α)·g²`, `u = g / (√s + ε)`;
 * centered: `a ← α·a + (1 − α)·g`, `u = g / (√(s − a²) + ε)`. For PyTorch's `momentum`, follow
 * it with {@link trace} (without dampening), then {@link scaleByLr}.
 * @see Hinton, Neural Networks for Machine Learning, lecture 6e, 2012
 * @see Graves, Generating Sequences With Recurrent Neural Networks, 2013 (centered, arXiv:1308.0850)
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.RMSprop.html
 */
export function scaleByRms(options: ScaleByRmsOptions = {}): GradientTransform<ScaleByRmsState> {
  const spec = hyperSpec('scaleByRms', {
    alpha: [options.alpha ?? 0.99, 'nonNegative'],
    eps: [options.eps ?? 1e-8, 'nonNegative'],
  })
  const centered = options.centered ?? false
  return inPlaceTransform(
    (params) => {
      const buffers: Record<string, RmsBuffers> = {}
      for (const name in params) {
        const shape = params[name]!.shape
        buffers[name] = centered
          ? { square_avg: filled(shape, 0), grad_avg: filled(shape, 0) }
          : { square_avg: filled(shape, 0) }
      }
      return { hyper: initHyper(spec), buffers }
    },
    (updates, state) => {
      const alpha = hyperValue(state.hyper, 'alpha')
      const eps = hyperValue(state.hyper, 'eps')
      const slots = updateSlots('scaleByRms', state.buffers, updates, (slot) => slot.square_avg)
      return () => {
        for (const [u, slot] of slots) {
          const s = slot.square_avg.data
          const a = slot.grad_avg?.data
          for (let i = 0; i < u.length; i++) {
            const g = u[i]!
            s[i] = alpha * s[i]! + (1 - alpha) * g * g
            if (a === undefined) {
              u[i] = g / (Math.sqrt(s[i]!) + eps)
            } else {
              a[i] = alpha * a[i]! + (1 - alpha) * g
              u[i] = g / (Math.sqrt(s[i]! - a[i]! * a[i]!) + eps)
            }
          }
        }
        return { hyper: nextHyper(state.hyper), buffers: state.buffers }
      }
    },
  )
}
