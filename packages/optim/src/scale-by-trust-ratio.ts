import type { GradientTransform, ParamTree, ScalarOrSchedule } from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
import { l2Norm, paramFor, scaled } from './param-tree'

/** Options of {@link scaleByTrustRatio}. */
export interface ScaleByTrustRatioOptions {
  /** Trust coefficient η (hyperparameter `trustCoefficient` when given; 1 otherwise). */
  trustCoefficient?: ScalarOrSchedule
}

/** State of {@link scaleByTrustRatio}. */
export interface ScaleByTrustRatioState {
  hyper: HyperState
}

/**
 * Layer-wise trust ratio of LARS and LAMB: each parameter's update is scaled by
 * `η·‖w‖ / ‖u‖` (Euclidean norms of the whole tensor), or by 1 where `‖w‖ = 0` or `‖u‖ = 0`.
 * Needs the parameters; exclude some (biases, norms) with `masked`.
 * @see You, Gitman & Ginsburg, Large Batch Training of Convolutional Networks, 2017 (LARS, arXiv:1708.03888)
 * @see You et al., Large Batch Optimization for Deep Learning: Training BERT in 76 minutes, 2019 (LAMB, arXiv:1904.00962)
 */
export function scaleByTrustRatio(
  options: ScaleByTrustRatioOptions = {},
): GradientTransform<ScaleByTrustRatioState> {
  const spec = hyperSpec('scaleByTrustRatio', {
    trustCoefficient: [options.trustCoefficient, 'nonNegative'],
  })
  return {
    init: () => ({ hyper: initHyper(spec) }),
    update(grads, state, params) {
      const eta = hyperValue(state.hyper, 'trustCoefficient', 1)
      const updates: ParamTree = {}
      for (const name in grads) {
        const u = grads[name]!
        const weightNorm = l2Norm(paramFor('scaleByTrustRatio', params, name, u))
        const updateNorm = l2Norm(u)
        const ratio = weightNorm > 0 && updateNorm > 0 ? (eta * weightNorm) / updateNorm : 1
        updates[name] = scaled(u, ratio)
      }
      return { updates, state: { hyper: nextHyper(state.hyper) } }
    },
  }
}
