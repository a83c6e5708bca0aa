import {
  ArgumentError,
  type GradientTransform,
  type ParamTree,
  StateError,
  type Tensor,
} from '@knack/core'
import type { StateOf } from './chain'
import { type ParamMask, resolveMask } from './param-mask'
import { pick, updateFor } from './param-tree'

/**
 * How {@link partition} assigns each parameter to a group: a function `(name, param) => group`,
 * or ordered rules `[mask, group]` where the first rule whose mask selects the parameter wins.
 */
export type PartitionLabels =
  | ((name: string, param: Tensor) => string)
  | ReadonlyArray<readonly [ParamMask, string]>

/** State of {@link partition}: each parameter's group, and each group's state. */
export interface PartitionState<T extends Readonly<Record<string, GradientTransform>>> {
  /** Parameter name → group, evaluated once at init. */
  labels: Record<string, string>
  groups: { -readonly [K in keyof T]: StateOf<T[K]> }
}

function resolveLabels(
  labels: PartitionLabels,
  params: Readonly<ParamTree>,
  groups: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {}
  if (typeof labels === 'function') {
    for (const name in params) out[name] = labels(name, params[name]!)
  } else {
    const rules = labels.map(
      ([mask, group]) => [resolveMask('partition', mask, params), group] as const,
    )
    for (const name in params) {
      const rule = rules.find(([selected]) => selected[name])
      if (rule === undefined) {
        throw new ArgumentError(
          'partition',
          `parameter ${name} matches no rule`,
          `end the rules with a catch-all such as ['**', '${groups[groups.length - 1]}']`,
        )
      }
      out[name] = rule[1]
    }
  }
  for (const name in out) {
    if (!groups.includes(out[name]!)) {
      throw new ArgumentError(
        'partition',
        `parameter ${name} is labelled ${JSON.stringify(out[name])}, which is not a group`,
        `label every parameter with one of: ${groups.join(', ')}`,
      )
    }
  }
  return out
}

/**
 * Gives each group of parameters its own transform (Optax's `multi_transform`), like PyTorch's
 * parameter groups: e.g. `partition({ backbone: sgd({ lr: 1e-4 }), head: sgd({ lr: 1e-2 }) },
 * [['backbone.**', 'backbone'], ['**', 'head']])`. Hyperparameters of a group are named with
 * the group first (`backbone.lr`). Freeze a group with `setToZero()`.
 * @see https://optax.readthedocs.io/en/latest/api/combining_optimizers.html
 */
export function partition<const T extends Readonly<Record<string, GradientTransform>>>(
  transforms: T,
  labels: PartitionLabels,
): GradientTransform<PartitionState<T>> {
  const groups = Object.keys(transforms)
  if (groups.length === 0) {
    throw new ArgumentError(
      'partition',
      'no groups given',
      'pass at least one { group: transform }',
    )
  }
  return {
    init(params) {
      const assigned = resolveLabels(labels, params, groups)
      const states: Record<string, unknown> = {}
      for (const group of groups) {
        const names = new Set(Object.keys(params).filter((name) => assigned[name] === group))
        states[group] = transforms[group]!.init(pick(params, names))
      }
      return { labels: assigned, groups: states as PartitionState<T>['groups'] }
    },
    update(grads, state, params, extras) {
      const members = new Map<string, Set<string>>(groups.map((g) => [g, new Set()]))
      for (const name in grads) {
        const group = state.labels[name]
        if (group === undefined) {
          throw new StateError(
            'partition',
            `no state for parameter ${name}`,
            'initialize the transform with every parameter it will update',
          )
        }
        members.get(group)!.add(name)
      }
      const results: Record<string, ParamTree> = {}
      const states: Record<string, unknown> = {}
      for (const group of groups) {
        const names = members.get(group)!
        const result = transforms[group]!.update(
          pick(grads, names),
          state.groups[group],
          params && pick(params, names),
          extras,
        )
        results[group] = result.updates
        states[group] = result.state
      }
      const updates: ParamTree = {}
      for (const name in grads)
        updates[name] = updateFor('partition', results[state.labels[name]!]!, name)
      return {
        updates,
        state: { labels: state.labels, groups: states as PartitionState<T>['groups'] },
      }
    },
  }
}
