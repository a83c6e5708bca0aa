import type { GradientTransform, ScalarOrSchedule } from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
import { inPlaceTransform } from './in-place'
import { l2Norm, paramFor, scaleInPlace } from './param-tree'

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
  return inPlaceTransform(
    () => ({ hyper: initHyper(spec) }),
    (updates, state, params) => {
      const eta = hyperValue(state.hyper, 'trustCoefficient', 1)
      const pairs = Object.keys(updates).map((name) => {
        const u = updates[name]!
        return [u, paramFor('scaleByTrustRatio', params, name, u)] as const
      })
      return () => {
        for (const [u, param] of pairs) {
          const weightNorm = l2Norm(param)
          const updateNorm = l2Norm(u)
          const ratio = weightNorm > 0 && updateNorm > 0 ? (eta * weightNorm) / updateNorm : 1
          scaleInPlace(u.data, ratio)
        }
        return { hyper: nextHyper(state.hyper) }
      }
    },
  )
}
