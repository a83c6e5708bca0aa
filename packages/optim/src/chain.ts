import { type GradientTransform, type ParamTree, StateError } from '@knack/core'

/** The state type of a {@link GradientTransform}. */
export type StateOf<T> = T extends GradientTransform<infer S> ? S : never

/** State of {@link chain}: the state of each transform, in order. */
export type ChainState<T extends readonly GradientTransform[]> = {
  -readonly [K in keyof T]: StateOf<T[K]>
}

/**
 * Applies transforms one after the other, each to the updates of the previous one (Optax's
 * `chain`): `chain(f, g)` turns gradients `u` into `g(f(u))`. Every ready optimizer is a chain.
 * It steps in place (`prepareInPlace`) when every transform in it can.
 * @see https://optax.readthedocs.io/en/latest/api/combining_optimizers.html
 */
export function chain<const T extends readonly GradientTransform[]>(
  ...transforms: T
): GradientTransform<ChainState<T>> {
  const checkStates = (state: unknown) => {
    if (!Array.isArray(state) || state.length !== transforms.length) {
      throw new StateError(
        'chain',
        `expected the states of ${transforms.length} transforms, got ${Array.isArray(state) ? state.length : typeof state}`,
        'pass the state returned by init() or by the previous update()',
      )
    }
  }
  const chained: GradientTransform<ChainState<T>> = {
    init(params) {
      return transforms.map((t) => t.init(params)) as ChainState<T>
    },
    update(grads, state, params, extras) {
      checkStates(state)
      let updates: Readonly<ParamTree> = grads
      const next: unknown[] = []
      for (let i = 0; i < transforms.length; i++) {
        const result = transforms[i]!.update(updates, state[i], params, extras)
        updates = result.updates
        next.push(result.state)
      }
      return { updates: { ...updates }, state: next as ChainState<T> }
    },
  }
  if (transforms.every((t) => t.prepareInPlace !== undefined)) {
    // Every transform prepares (and may throw) before the first one commits.
    chained.prepareInPlace = (updates, state, params, extras) => {
      checkStates(state)
      const commits = transforms.map((t, i) => t.prepareInPlace!(updates, state[i], params, extras))
      return () => commits.map((commit) => commit()) as ChainState<T>
    }
  }
  return chained
}
