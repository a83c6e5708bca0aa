import {
  formatShape,
  getBackend,
  type ParamTree,
  ShapeError,
  StateError,
  type Storage,
  sizeOf,
  Tensor,
} from '@knack/core'

/** State of a transform that keeps nothing. */
export type EmptyState = Record<string, never>

/** The entries of `tree` whose names are in `names`, in the order of `tree`. */
export function pick(tree: Readonly<ParamTree>, names: ReadonlySet<string>): ParamTree {
  const out: ParamTree = {}
  for (const name in tree) if (names.has(name)) out[name] = tree[name]!
  return out
}

/** The parameter `name` that the update `grad` is for, checked to exist and to match its shape. */
export function paramFor(
  op: string,
  params: Readonly<ParamTree> | undefined,
  name: string,
  grad: Tensor,
): Tensor {
  if (params === undefined) {
    throw new StateError(
      op,
      'needs the parameters, but update() was called without them',
      'pass params as the third argument of update()',
    )
  }
  const param = params[name]
  if (param === undefined) {
    throw new StateError(
      op,
      `no parameter named ${name} among the parameters passed`,
      'pass every parameter that has a gradient',
    )
  }
  if (!sameShape(param.shape, grad.shape)) {
    throw new ShapeError(
      op,
      `update of ${name} has shape ${formatShape(grad.shape)} but the parameter has ${formatShape(param.shape)}`,
      'give each parameter an update of its own shape',
    )
  }
  return param
}

/** The per-parameter state of `name`, which `init` must have created. */
export function slotFor<T>(op: string, buffers: Readonly<Record<string, T>>, name: string): T {
  const slot = buffers[name]
  if (slot === undefined) {
    throw new StateError(
      op,
      `no state for parameter ${name}`,
      'initialize the transform with every parameter it will update',
    )
  }
  return slot
}

/** Checks that the state buffer `buffer` of parameter `name` has the shape of its update. */
export function bufferMatches(op: string, name: string, buffer: Tensor, update: Tensor): void {
  if (!sameShape(buffer.shape, update.shape)) {
    throw new ShapeError(
      op,
      `update of ${name} has shape ${formatShape(update.shape)} but its state has ${formatShape(buffer.shape)}`,
      'initialize the transform with the parameters it updates',
    )
  }
}

/**
 * Each update's values paired with its parameter's state record, checked to exist and to
 * have the update's shape (`bufferOf` names the buffer compared), for an in-place step.
 */
export function updateSlots<T>(
  op: string,
  buffers: Readonly<Record<string, T>>,
  updates: Readonly<ParamTree>,
  bufferOf: (slot: T) => Tensor,
): (readonly [Float32Array, T])[] {
  return Object.keys(updates).map((name) => {
    const update = updates[name]!
    const slot = slotFor(op, buffers, name)
    bufferMatches(op, name, bufferOf(slot), update)
    return [update.data as Float32Array, slot] as const
  })
}

/** The update `name` a transform returned, which must exist. */
export function updateFor(op: string, updates: Readonly<ParamTree>, name: string): Tensor {
  const update = updates[name]
  if (update === undefined) {
    throw new StateError(
      op,
      `the inner transform returned no update for ${name}`,
      'return one update per gradient',
    )
  }
  return update
}

/** A float32 tensor of `shape` over new storage filled with `value`. */
export function filled(shape: readonly number[], value: number): Tensor {
  const t = new Tensor(new Float32Array(sizeOf(shape)), shape)
  if (value !== 0) t.data.fill(value)
  return t
}

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * `x ← factor · x`, in place, on the active backend. `x` holds float32 updates: in-place steps
 * only ever see those (`createOptimizer` and `updateFromInPlace` check).
 */
export function scaleInPlace(x: Storage, factor: number): void {
  getBackend().scale(x as Float32Array, factor)
}

/** Euclidean norm of the values of `x`, accumulated in float64. */
export function l2Norm(x: Tensor): number {
  const d = x.data
  let s = 0
  for (let i = 0; i < d.length; i++) s += d[i]! * d[i]!
  return Math.sqrt(s)
}

/** Copies of the tensors of `tree` (new storage), for transforms that then work in place. */
export function cloneTree(tree: Readonly<ParamTree>): ParamTree {
  const out: ParamTree = {}
  for (const name in tree) out[name] = tree[name]!.clone()
  return out
}
