import { ShapeError } from '../../errors'
import { formatShape, type Shape, sizeOf, stridesOf } from '../../shape'
import { broadcastStrides, walkBroadcast } from '../broadcast'
import { keptShape } from './reduce-sum'

/**
 * For a reduction of a tensor of `shape` over `dims` (normalized), the output slot of every
 * input element in row-major order: `index[i]` is the flat position of element `i`'s result in
 * the kept shape. Lets reduction kernels run as one plain loop over the input.
 */
export function reductionIndex(shape: Shape, dims: readonly number[]): Int32Array {
  const index = new Int32Array(sizeOf(shape))
  if (dims.length === shape.length || index.length === 0) return index
  const kept = keptShape(shape, dims)
  walkBroadcast(
    shape,
    stridesOf(shape),
    broadcastStrides(kept, shape),
    (o, _ia, ib, n, _da, db) => {
      for (let k = 0; k < n; k++) index[o + k] = ib + k * db
    },
  )
  return index
}

/** A contiguous tensor seen as `[outer, size, inner]` around one dimension. */
export interface DimLayout {
  /** Product of the sizes before the dimension. */
  outer: number
  /** Size of the dimension itself (1 for a 0-d tensor). */
  size: number
  /** Product of the sizes after the dimension: the stride between neighbours along it. */
  inner: number
}

/**
 * Splits `shape` around the normalized dimension `dim`, so that element `(o, k, i)` lies at
 * `(o·size + k)·inner + i`. Used by ops that work along one dimension (softmax, argmax, …).
 */
export function dimLayout(shape: Shape, dim: number): DimLayout {
  let outer = 1
  let inner = 1
  for (let i = 0; i < dim; i++) outer *= shape[i]!
  for (let i = dim + 1; i < shape.length; i++) inner *= shape[i]!
  return { outer, size: shape[dim] ?? 1, inner }
}

/** Throws when a reduction without identity (max, min, argmax, …) would cover no element. */
export function checkNonEmptyReduction(op: string, shape: Shape, dims: readonly number[]): void {
  let count = 1
  for (const d of dims) count *= shape[d] ?? 1
  if (count === 0) {
    throw new ShapeError(
      op,
      `cannot reduce over dimensions [${dims.join(',')}] of shape ${formatShape(shape)}: they hold no elements`,
      'reduce over non-empty dimensions only; max/min/argmax have no value for an empty set',
    )
  }
}
