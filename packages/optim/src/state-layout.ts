import { formatShape, type OptimizerState, type Shape, StateError, Tensor } from '@knack/core'
import { type HyperState, hyperProblem, setHyper } from './hyper'
import { sameShape } from './param-tree'

/** A per-parameter buffer: the record holding it and its field there. */
interface BufferSlot {
  readonly record: Record<string, Tensor | null>
  readonly field: string
}

/** A number of the state: the object holding it and its key there. */
interface ScalarSlot {
  readonly owner: Record<string | number, unknown>
  readonly key: string | number
}

/** A hyperparameter: the transform's hyperparameter state and its local name. */
export interface HyperSlot {
  readonly state: HyperState
  readonly name: string
}

/**
 * Where everything of a transform state lives, under the names an optimizer's state dict uses:
 * per-parameter buffers (found in `buffers` records), numbers (by path), and hyperparameters
 * (found in `hyper` records; prefixed by the group inside `groups`). A name two places would
 * share is qualified by its path in the state, e.g. `0.eps` and `2.eps`.
 */
export interface StateLayout {
  /** Parameter → buffer name → slot. */
  readonly buffers: ReadonlyMap<string, ReadonlyMap<string, BufferSlot>>
  readonly scalars: ReadonlyMap<string, ScalarSlot>
  readonly hypers: ReadonlyMap<string, HyperSlot>
}

type Path = readonly (string | number)[]

interface Found {
  buffers: { param: string; field: string; path: Path; slot: BufferSlot }[]
  scalars: Map<string, ScalarSlot>
  hypers: { scoped: string; path: Path; slot: HyperSlot }[]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isHyperState(value: unknown): value is HyperState {
  return (
    isRecord(value) &&
    isRecord(value.spec) &&
    typeof value.count === 'number' &&
    isRecord(value.manual)
  )
}

function walk(node: unknown, path: Path, scope: readonly string[], found: Found): void {
  if (node instanceof Tensor) {
    throw new StateError(
      'optimizer state',
      `a tensor at ${path.join('.') || 'the root'} is outside a buffers record`,
      'keep per-parameter tensors in a `buffers: { [param]: { [name]: Tensor } }` field',
    )
  }
  if (typeof node !== 'object' || node === null) return
  const owner = node as Record<string | number, unknown>
  const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node)
  for (const key of keys) {
    const value = owner[key]
    const at = [...path, key]
    if (typeof value === 'number') found.scalars.set(at.join('.'), { owner, key })
    else if (key === 'hyper' && isHyperState(value)) {
      found.scalars.set(`${at.join('.')}.count`, {
        owner: value as unknown as Record<string, unknown>,
        key: 'count',
      })
      for (const name of Object.keys(value.spec.params)) {
        found.hypers.push({
          scoped: [...scope, name].join('.'),
          path,
          slot: { state: value, name },
        })
      }
    } else if (key === 'buffers' && isRecord(value)) {
      for (const param of Object.keys(value)) {
        const record = value[param] as Record<string, Tensor | null>
        for (const field of Object.keys(record)) {
          found.buffers.push({ param, field, path, slot: { record, field } })
        }
      }
    } else if (key === 'groups' && isRecord(value)) {
      for (const group of Object.keys(value))
        walk(value[group], [...at, group], [...scope, group], found)
    } else walk(value, at, scope, found)
  }
}

function uniqueNames<T>(
  entries: readonly T[],
  short: (e: T) => string,
  long: (e: T) => string,
): Map<string, T> {
  const counts = new Map<string, number>()
  for (const e of entries) counts.set(short(e), (counts.get(short(e)) ?? 0) + 1)
  const out = new Map<string, T>()
  for (const e of entries) out.set(counts.get(short(e))! > 1 ? long(e) : short(e), e)
  return out
}

/** Finds the buffers, numbers and hyperparameters of a transform state. */
export function layoutOf(state: unknown): StateLayout {
  const found: Found = { buffers: [], scalars: new Map(), hypers: [] }
  walk(state, [], [], found)
  const hypers = uniqueNames(
    found.hypers,
    (h) => h.scoped,
    (h) => [...h.path, h.slot.name].join('.'),
  )
  const byParam = new Map<string, Found['buffers']>()
  for (const b of found.buffers) byParam.set(b.param, [...(byParam.get(b.param) ?? []), b])
  const buffers = new Map<string, Map<string, BufferSlot>>()
  for (const [param, list] of byParam) {
    const named = uniqueNames(
      list,
      (b) => b.field,
      (b) => [...b.path, b.field].join('.'),
    )
    buffers.set(param, new Map([...named].map(([name, b]) => [name, b.slot])))
  }
  return {
    buffers,
    scalars: found.scalars,
    hypers: new Map([...hypers].map(([name, h]) => [name, h.slot])),
  }
}

/** A state dict of the state `layout` describes: copies of its buffers, numbers, hand-set hyperparameters. */
export function captureState(
  layout: StateLayout,
  paramNames: readonly string[],
  step: number,
): OptimizerState {
  const buffers: Record<string, Record<string, Tensor>> = {}
  for (const param of paramNames) {
    const record: Record<string, Tensor> = {}
    for (const [name, slot] of layout.buffers.get(param) ?? []) {
      const tensor = slot.record[slot.field]
      if (tensor) record[name] = tensor.clone()
    }
    buffers[param] = record
  }
  const scalars: Record<string, number> = {}
  for (const [name, slot] of layout.scalars) scalars[name] = slot.owner[slot.key] as number
  const hyper: Record<string, number> = {}
  for (const [name, slot] of layout.hypers) {
    const value = slot.state.manual[slot.name]
    if (value !== undefined) hyper[name] = value
  }
  return { step, buffers, hyper, scalars }
}

function listNames(names: readonly string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} … (${names.length})` : names.join(', ')
}

function checkNames(
  op: string,
  what: string,
  missing: readonly string[],
  unexpected: readonly string[],
): void {
  if (missing.length === 0 && unexpected.length === 0) return
  const parts = []
  if (missing.length > 0) parts.push(`missing ${listNames(missing)}`)
  if (unexpected.length > 0) parts.push(`unexpected ${listNames(unexpected)}`)
  throw new StateError(
    op,
    `${what} differ: ${parts.join('; ')}`,
    'load a state saved by the same optimizer over the same parameters',
  )
}

function sameNames(
  op: string,
  what: string,
  got: readonly string[],
  want: readonly string[],
): void {
  const gotSet = new Set(got)
  const wantSet = new Set(want)
  checkNames(
    op,
    what,
    want.filter((n) => !gotSet.has(n)),
    got.filter((n) => !wantSet.has(n)),
  )
}

/**
 * Checks `saved` against the fresh state `layout` describes and, only if all of it fits, writes
 * it there: every parameter and buffer name and shape, every number and hyperparameter.
 */
export function restoreState(
  op: string,
  layout: StateLayout,
  paramShapes: ReadonlyMap<string, Shape>,
  saved: OptimizerState,
): void {
  if (!isRecord(saved) || !isRecord(saved.buffers) || !isRecord(saved.hyper)) {
    throw new StateError(op, 'not an optimizer state dict', 'pass what stateDict() returned')
  }
  if (!(Number.isInteger(saved.step) && saved.step >= 0)) {
    throw new StateError(
      op,
      `step must be an integer ≥ 0, got ${saved.step}`,
      'pass what stateDict() returned',
    )
  }
  sameNames(op, 'parameter names', Object.keys(saved.buffers), [...paramShapes.keys()])
  const writes: (() => void)[] = []
  for (const [param, paramShape] of paramShapes) {
    const record = saved.buffers[param]
    if (!isRecord(record)) {
      throw new StateError(
        op,
        `buffers of ${param} are not a record`,
        'pass what stateDict() returned',
      )
    }
    const slots = layout.buffers.get(param) ?? new Map<string, BufferSlot>()
    const required = [...slots].filter(([, s]) => s.record[s.field] !== null).map(([name]) => name)
    const names = Object.keys(record)
    checkNames(
      op,
      `buffer names of ${param}`,
      required.filter((n) => !names.includes(n)),
      names.filter((n) => !slots.has(n)),
    )
    for (const name of names) {
      const slot = slots.get(name)!
      const tensor = record[name]
      const current = slot.record[slot.field] ?? null
      const shape = current?.shape ?? paramShape
      if (
        !(tensor instanceof Tensor) ||
        tensor.dtype !== 'float32' ||
        !sameShape(tensor.shape, shape)
      ) {
        const got =
          tensor instanceof Tensor
            ? `a ${tensor.dtype} tensor of shape ${formatShape(tensor.shape)}`
            : typeof tensor
        throw new StateError(
          op,
          `buffer ${name} of ${param} should be a float32 tensor of shape ${formatShape(shape)}, got ${got}`,
          'load a state saved by the same optimizer over parameters of the same shapes',
        )
      }
      writes.push(
        current === null
          ? () => {
              slot.record[slot.field] = new Tensor(Float32Array.from(tensor.data), shape)
            }
          : () => current.data.set(tensor.data),
      )
    }
  }
  const scalars = saved.scalars ?? {}
  sameNames(op, 'state values', Object.keys(scalars), [...layout.scalars.keys()])
  for (const [name, slot] of layout.scalars) {
    const value = scalars[name]
    if (typeof value !== 'number') {
      throw new StateError(
        op,
        `state value ${name} should be a number, got ${value}`,
        'pass what stateDict() returned',
      )
    }
    writes.push(() => {
      slot.owner[slot.key] = value
    })
  }
  for (const [name, value] of Object.entries(saved.hyper)) {
    const slot = layout.hypers.get(name)
    if (slot === undefined) {
      throw new StateError(
        op,
        `unknown hyperparameter ${name}`,
        `this optimizer has: ${[...layout.hypers.keys()].join(', ')}`,
      )
    }
    const problem = hyperProblem(slot.state.spec, slot.name, value)
    if (problem !== null) {
      throw new StateError(op, `hyperparameter ${problem}`, 'pass what stateDict() returned')
    }
    writes.push(() => setHyper(slot.state, slot.name, value))
  }
  for (const write of writes) write()
}
