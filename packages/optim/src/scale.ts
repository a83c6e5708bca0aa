import type { GradientTransform, ScalarOrSchedule } from '@knack/core'
import { ArgumentError } from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
import { inPlaceTransform } from './in-place'
import { type EmptyState, scaleInPlace } from './param-tree'

/** Multiplies every update by a constant: `u ← factor · u`. */
export function scale(factor: number): GradientTransform<EmptyState> {
  if (!Number.isFinite(factor)) {
    throw new ArgumentError(
      'scale',
      `factor must be a finite number, got ${factor}`,
      'pass a finite factor',
    )
  }
  return inPlaceTransform(
    () => ({}),
    (updates, state) => () => {
      for (const name in updates) scaleInPlace(updates[name]!.data, factor)
      return state
    },
  )
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
  return inPlaceTransform(
    () => ({ hyper: initHyper(spec) }),
    (updates, state) => {
      const factor = -hyperValue(state.hyper, 'lr')
      return () => {
        for (const name in updates) scaleInPlace(updates[name]!.data, factor)
        return { hyper: nextHyper(state.hyper) }
      }
    },
  )
}
