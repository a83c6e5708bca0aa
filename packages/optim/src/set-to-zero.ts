import type { GradientTransform, ParamTree } from '@knack/core'
import { type EmptyState, filled } from './param-tree'

/**
 * Replaces every update by zeros, freezing the parameters it sees (Optax's `set_to_zero`); use
 * it as a {@link partition} group to freeze part of a model.
 */
export function setToZero(): GradientTransform<EmptyState> {
  return {
    init: () => ({}),
    update(grads, state) {
      const updates: ParamTree = {}
      for (const name in grads) updates[name] = filled(grads[name]!.shape, 0)
      return { updates, state }
    },
  }
}
