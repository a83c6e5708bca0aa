import { type GradientTransform, type ParamTree, StateError } from '@knack/core'
import { type ParamMask, resolveMask } from './param-mask'
import { pick, updateFor } from './param-tree'

/** State of {@link masked}: which parameters are selected, and the inner transform's state. */
export interface MaskedState<S> {
  /** Parameter name → selected, evaluated once at init. */
  mask: Record<string, boolean>
  inner: S
}

/**
 * Applies `transform` to the selected parameters only; the others' updates pass through
 * unchanged (Optax's `masked`). E.g. weight decay without biases:
 * `masked(addWeightDecay(0.01), (_, p) => p.ndim > 1)`. To freeze parameters instead, use
 * `partition` with `setToZero()`.
 * @see https://optax.readthedocs.io/en/latest/api/optimizer_wrappers.html
 */
export function masked<S>(
  transform: GradientTransform<S>,
  mask: ParamMask,
): GradientTransform<MaskedState<S>> {
  return {
    init(params) {
      const selected = resolveMask('masked', mask, params)
      const names = new Set(Object.keys(params).filter((name) => selected[name]))
      return { mask: selected, inner: transform.init(pick(params, names)) }
    },
    update(grads, state, params, extras) {
      const names = new Set<string>()
      for (const name in grads) {
        const selected = state.mask[name]
        if (selected === undefined) {
          throw new StateError(
            'masked',
            `no state for parameter ${name}`,
            'initialize the transform with every parameter it will update',
          )
        }
        if (selected) names.add(name)
      }
      const inner = transform.update(
        pick(grads, names),
        state.inner,
        params && pick(params, names),
        extras,
      )
      const updates: ParamTree = {}
      for (const name in grads) {
        updates[name] = names.has(name) ? updateFor('masked', inner.updates, name) : grads[name]!
      }
      return { updates, state: { mask: state.mask, inner: inner.state } }
    },
  }
}
