import type { Tensor } from '../tensor'

/**
 * Tensors keyed by dotted parameter name (`layers.0.weight`), the tree every
 * {@link GradientTransform} works on: parameters, their gradients, or updates.
 */
export type ParamTree = Record<string, Tensor>

/** Extra per-step inputs a transform may read (e.g. the current `loss`); chains pass them on. */
export type TransformExtras = Readonly<Record<string, unknown>>

/** What {@link GradientTransform.update} returns: updates to add to the parameters, next state. */
export interface TransformResult<S> {
  /** One update per gradient, of the same shape, to be added: `p ← p + u`. */
  updates: ParamTree
  /** The state to pass to the next `update`. */
  state: S
}

/**
 * A pure gradient transformation, as in Optax: `init(params) → state`, then
 * `update(grads, state, params?, extras?) → { updates, state }` once per optimizer step.
 * Updates are added to the parameters (`p ← p + u`), so a descent step ends with a negative
 * scale (`−lr`). `update` never modifies its arguments, it returns new tensors and a new state:
 * a step that fails part-way leaves the parameters and the old state as they were. `grads` may
 * hold a subset of the parameters (those that have a gradient this step); the state of the
 * others is carried over unchanged. Implemented by `@knack/optim`.
 * @see https://optax.readthedocs.io/en/latest/api/transformations.html
 */
export interface GradientTransform<S = unknown> {
  /** The state before the first update, for these parameters. */
  init(params: Readonly<ParamTree>): S
  /** Turns gradients (or the updates of a previous transform) into updates, and the next state. */
  update(
    grads: Readonly<ParamTree>,
    state: S,
    params?: Readonly<ParamTree>,
    extras?: TransformExtras,
  ): TransformResult<S>
  /**
   * Optional in-place form of `update`, for a caller that owns `state` and the tree `updates`
   * (the gradients copied into scratch tensors), as `createOptimizer` does. In two phases: this
   * call evaluates the hyperparameters and checks everything `update` checks, throwing as it
   * would and writing nothing (it may allocate); the commit it returns then overwrites the
   * values of `updates` with this transform's updates and the buffers of `state` with the next
   * state, cannot throw, and returns the next state. The numbers equal `update`'s. In a chain
   * every transform prepares before the first one commits, so a throw anywhere changes nothing.
   */
  prepareInPlace?(
    updates: ParamTree,
    state: S,
    params?: Readonly<ParamTree>,
    extras?: TransformExtras,
  ): InPlaceCommit<S>
}

/**
 * The second phase of {@link GradientTransform.prepareInPlace}: writes the updates and the
 * state in place and returns the next state.
 */
export type InPlaceCommit<S> = () => S
