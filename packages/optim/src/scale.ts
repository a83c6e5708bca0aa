import type { GradientTransform, ParamTree, ScalarOrSchedule } from '@knack/core'
import { ArgumentError } from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
import { type EmptyState, scaled } from './param-tree'

/** Multiplies every update by a constant: `u ← factor · u`. */
export function scale(factor: number): GradientTransform<EmptyState> {
  if (!Number.isFinite(factor)) {
    throw new ArgumentError(
      'scale',
      `factor must be a finite number, got ${factor}`,
      'pass a finite factor',
    )
  }
  return {
    init: () => ({}),
    update(grads, state) {
      const updates: ParamTree = {}
      for (const name in grads) updates[name] = scaled(grads[name]!, factor)
      return { updates, state }
    },
  }
}

/** State of {@link scaleByLr}: its hyperparameter `lr`. */
export interface ScaleByLrState {
  hyper: HyperState
}

/**
 * Scales updates by the negative learning rate, turning a direction into a descent step:
 * `u ← −lr · u` (Optax's `scale_by_learning_rate`). `lr` is a hyperparameter named `lr`.
 */
export function scaleByLr(lr: ScalarOrSchedule): GradientTransform<ScaleByLrState> {
  const spec = hyperSpec('scaleByLr', { lr: [lr, 'nonNegative'] })
  return {
    init: () => ({ hyper: initHyper(spec) }),
    update(grads, state) {
      const factor = -hyperValue(state.hyper, 'lr')
      const updates: ParamTree = {}
      for (const name in grads) updates[name] = scaled(grads[name]!, factor)
      return { updates, state: { hyper: nextHyper(state.hyper) } }
    },
  }
}
