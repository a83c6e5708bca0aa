import { ArgumentError, ShapeError } from './errors'

/** A tensor shape: sizes of each dimension, outermost first. */
export type Shape = readonly number[]

/** `[2,3]` → `"[2,3]"`, for error messages. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`
}

/** Number of elements of a shape (1 for a scalar `[]`). */
export function sizeOf(shape: Shape): number {
  let n = 1
  for (const d of shape) n *= d
  return n
}

/** Row-major (C-order) strides of a contiguous tensor with this shape. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length)
  let s = 1
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s
    s *= shape[i]!
  }
  return strides
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Checks that every size is a non-negative integer. */
export function checkShape(op: string, shape: Shape): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new ArgumentError(
        op,
        `invalid shape ${formatShape(shape)}`,
        'sizes must be non-negative integers',
      )
    }
  }
}

/**
 * NumPy broadcasting of two shapes: align from the right; sizes must be equal or one of them 1.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length)
  const out = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1
    const db = b[b.length - n + i] ?? 1
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        op,
        `shapes do not broadcast: ${formatShape(a)} and ${formatShape(b)} (dimension ${i - n}: ${da} vs ${db})`,
        'sizes must match or be 1 in each dimension, aligned from the right',
      )
    }
    out[i] = da === 1 ? db : da
  }
  return out
}

/** Resolves a possibly negative dimension index against `ndim`. */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const d = dim < 0 ? dim + ndim : dim
  if (!Number.isInteger(dim) || d < 0 || d >= Math.max(ndim, 1)) {
    throw new ArgumentError(
      op,
      `dimension ${dim} is out of range for a tensor with ${ndim} dimensions`,
      `use a dimension in [${-ndim}, ${ndim - 1}]`,
    )
  }
  return d
}

/**
 * Resolves `dim` (one index, a list, or `undefined` for all dimensions) to sorted, unique,
 * non-negative dimension indices.
 */
export function normalizeDims(
  op: string,
  dim: number | readonly number[] | undefined,
  ndim: number,
): number[] {
  if (dim === undefined) return Array.from({ length: ndim }, (_, i) => i)
  const list = typeof dim === 'number' ? [dim] : dim
  const out = [...new Set(list.map((d) => normalizeDim(op, d, ndim)))]
  if (out.length !== list.length) {
    throw new ArgumentError(
      op,
      `repeated dimension in [${list.join(',')}]`,
      'name each dimension once',
    )
  }
  return out.sort((x, y) => x - y)
}
