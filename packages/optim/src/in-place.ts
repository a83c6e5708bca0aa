import { DTypeError, type GradientTransform, Tensor } from '@knack/core'
import { cloneTree } from './param-tree'

/** The `prepareInPlace` method of a transform with state `S`. */
export type PrepareInPlace<S> = NonNullable<GradientTransform<S>['prepareInPlace']>

/**
 * A copy of a transform state deep enough for an in-place step to leave the original alone:
 * tensors are cloned, arrays and plain objects copied, everything else (numbers, schedules,
 * hyperparameter specs) shared.
 */
export function cloneState<S>(state: S): S {
  if (state instanceof Tensor) return state.clone() as S
  if (Array.isArray(state)) return state.map(cloneState) as S
  if (typeof state !== 'object' || state === null) return state
  const proto = Object.getPrototypeOf(state)
  if (proto !== Object.prototype && proto !== null) return state
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(state)) out[key] = cloneState(value)
  return out as S
}

/**
 * The pure `update` of a transform whose step is written once, in place: it prepares and
 * commits on copies of the gradients and of the state, so its arguments stay untouched.
 */
export function updateFromInPlace<S>(prepare: PrepareInPlace<S>): GradientTransform<S>['update'] {
  return (grads, state, params, extras) => {
    for (const name in grads) {
      if (grads[name]!.dtype !== 'float32') {
        throw new DTypeError(
          'update',
          `gradient of ${name} is ${grads[name]!.dtype}, transforms work on float32`,
          'pass float32 gradients',
        )
      }
    }
    const updates = cloneTree(grads)
    const commit = prepare(updates, cloneState(state), params, extras)
    return { updates, state: commit() }
  }
}

/**
 * A transform from its `init` and its in-place step: `update` is derived from the latter
 * (see {@link updateFromInPlace}), so both faces share one implementation.
 */
export function inPlaceTransform<S>(
  init: GradientTransform<S>['init'],
  prepareInPlace: PrepareInPlace<S>,
): GradientTransform<S> {
  return { init, update: updateFromInPlace(prepareInPlace), prepareInPlace }
}
