import { type GradientTransform, type ParamTree, type ScalarOrSchedule, Tensor } from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
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
  return {
    init: () => ({ hyper: initHyper(spec) }),
    update(grads, state, params) {
      const wd = hyperValue(state.hyper, 'weightDecay')
      const updates: ParamTree = {}
      for (const name in grads) {
        const g = grads[name]!
        if (wd === 0) {
          updates[name] = g
          continue
        }
        const p = paramFor('addWeightDecay', params, name, g).data
        const gd = g.data
        const out = new Float32Array(gd.length)
        for (let i = 0; i < out.length; i++) out[i] = gd[i]! + wd * p[i]!
        updates[name] = new Tensor(out, g.shape)
      }
      return { updates, state: { hyper: nextHyper(state.hyper) } }
    },
  }
}
