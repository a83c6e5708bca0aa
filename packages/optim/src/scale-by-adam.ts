import { type GradientTransform, getBackend, type ScalarOrSchedule, type Tensor } from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
import { inPlaceTransform } from './in-place'
import { filled, updateSlots } from './param-tree'

/** Options of {@link scaleByAdam}; each number may be a schedule. */
export interface ScaleByAdamOptions {
  /** Decay of the first moment β₁ (default 0.9, hyperparameter `beta1`). */
  beta1?: ScalarOrSchedule
  /** Decay of the second moment β₂ (default 0.999, hyperparameter `beta2`). */
  beta2?: ScalarOrSchedule
  /** Term added to the denominator, outside the square root (default 1e-8, `eps`). */
  eps?: ScalarOrSchedule
  /** Use the running maximum of the second moment (AMSGrad, default false). */
  amsgrad?: boolean
}

/** Per-parameter state of {@link scaleByAdam}, named as in PyTorch's Adam state. */
export interface AdamBuffers {
  /** Updates of this parameter so far (a 0-d tensor), for bias correction. */
  step: Tensor
  exp_avg: Tensor
  exp_avg_sq: Tensor
  /** Running maximum of `exp_avg_sq`, with AMSGrad only. */
  max_exp_avg_sq?: Tensor
}

/** State of {@link scaleByAdam}. */
export interface ScaleByAdamState {
  hyper: HyperState
  buffers: Record<string, AdamBuffers>
}

/**
 * Adam's preconditioner with PyTorch's formulas, per parameter at its own step t:
 * `m ← β₁·m + (1 − β₁)·g`, `v ← β₂·v + (1 − β₂)·g²`, `u = (m / (1 − β₁ᵗ)) / (√v / √(1 − β₂ᵗ) + ε)`
 * (ε outside the square root); AMSGrad uses `v̂ ← max(v̂, v)` in place of v. Follow it with
 * {@link scaleByLr}.
 * @see Kingma & Ba, Adam: A Method for Stochastic Optimization, 2015 (arXiv:1412.6980)
 * @see Reddi et al., On the Convergence of Adam and Beyond, 2018 (AMSGrad)
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.Adam.html
 */
export function scaleByAdam(options: ScaleByAdamOptions = {}): GradientTransform<ScaleByAdamState> {
  const spec = hyperSpec('scaleByAdam', {
    beta1: [options.beta1 ?? 0.9, 'unitInterval'],
    beta2: [options.beta2 ?? 0.999, 'unitInterval'],
    eps: [options.eps ?? 1e-8, 'nonNegative'],
  })
  const amsgrad = options.amsgrad ?? false
  return inPlaceTransform(
    (params) => {
      const buffers: Record<string, AdamBuffers> = {}
      for (const name in params) {
        const shape = params[name]!.shape
        const slot: AdamBuffers = {
          step: filled([], 0),
          exp_avg: filled(shape, 0),
          exp_avg_sq: filled(shape, 0),
        }
        if (amsgrad) slot.max_exp_avg_sq = filled(shape, 0)
        buffers[name] = slot
      }
      return { hyper: initHyper(spec), buffers }
    },
    (updates, state) => {
      const b1 = hyperValue(state.hyper, 'beta1')
      const b2 = hyperValue(state.hyper, 'beta2')
      const eps = hyperValue(state.hyper, 'eps')
      const slots = updateSlots('scaleByAdam', state.buffers, updates, (slot) => slot.exp_avg)
      return () => {
        for (const [u, slot] of slots) {
          const t = slot.step.data[0]! + 1
          // m̂ / (√v̂ + ε) = m·(√c₂ / c₁) / (√v + ε·√c₂): one division per value instead of three.
          const sqrtCorrection2 = Math.sqrt(1 - b2 ** t)
          const stepScale = sqrtCorrection2 / (1 - b1 ** t)
          const scaledEps = eps * sqrtCorrection2
          // The moments are float32 buffers of filled(); the backend steps them in place.
          const m = slot.exp_avg.data as Float32Array
          const v = slot.exp_avg_sq.data as Float32Array
          const vMax = (slot.max_exp_avg_sq?.data ?? null) as Float32Array | null
          const options = { beta1: b1, beta2: b2, scale: stepScale, eps: scaledEps }
          getBackend().adam(u, m, v, vMax, options)
          slot.step.data[0] = t
        }
        return { hyper: nextHyper(state.hyper), buffers: state.buffers }
      }
    },
  )
}
