import type { GradientTransform, ScalarOrSchedule } from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
import { inPlaceTransform } from './in-place'
import { paramFor } from './param-tree'

/** State of {@link addWeightDecay}: its hyperparameter `weightDecay`. */
export interface AddWeightDecayState {
  hyper: HyperState
}

/**
 * Adds the decayed weights to each update: `u ← u + weightDecay · p`. Where it sits in a chain
 * decides what it is: before a preconditioner (Adam, RMSProp, …) it is L2 regularization,
 * PyTorch's `weight_decay` (`g ← g + λ·p`); after it, just before {@link scaleByLr}, it is
 * decoupled weight decay, `p ← p − lr·λ·p`, as in `torch.optim.AdamW`. Needs the parameters.
 * Restrict it to some parameters with `masked`. Hyperparameter `weightDecay`.
 * @see Loshchilov & Hutter, Decoupled Weight Decay Regularization, 2019 (arXiv:1711.05101)
 */
export function addWeightDecay(
  weightDecay: ScalarOrSchedule,
): GradientTransform<AddWeightDecayState> {
  const spec = hyperSpec('addWeightDecay', { weightDecay: [weightDecay, 'nonNegative'] })
  return inPlaceTransform(
    () => ({ hyper: initHyper(spec) }),
    (updates, state, params) => {
      const wd = hyperValue(state.hyper, 'weightDecay')
      const pairs =
        wd === 0
          ? []
          : Object.keys(updates).map((name) => {
              const u = updates[name]!
              return [u.data, paramFor('addWeightDecay', params, name, u).data] as const
            })
      return () => {
        for (const [u, p] of pairs) for (let i = 0; i < u.length; i++) u[i] = u[i]! + wd * p[i]!
        return { hyper: nextHyper(state.hyper) }
      }
    },
  )
}
