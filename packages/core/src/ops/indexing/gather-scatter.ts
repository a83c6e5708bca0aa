import type { Storage } from '../../dtype'
import { ShapeError } from '../../errors'
import { formatShape, type Shape, stridesOf } from '../../shape'
import { walkBroadcast } from '../broadcast'

/**
 * Checks the shapes of `gather`/`scatterAdd` (PyTorch rules): `x`, `index` (and `src`) have
 * the same number of dimensions, at least one; `index` is no larger than `x` outside `dim` and
 * no larger than `src` anywhere.
 */
export function checkGatherShapes(op: string, x: Shape, dim: number, index: Shape, src?: Shape) {
  const fits =
    x.length > 0 &&
    index.length === x.length &&
    index.every((n, d) => (d === dim || n <= x[d]!) && (src === undefined || n <= src[d]!)) &&
    (src === undefined || src.length === x.length)
  if (!fits) {
    const shapes = [x, index, ...(src ? [src] : [])].map(formatShape).join(', ')
    throw new ShapeError(
      op,
      `shapes do not fit along dimension ${dim}: ${src ? 'x, index, src' : 'x, index'} = ${shapes}`,
      `give every tensor the same number of dimensions (at least 1); index may not exceed x outside dimension ${dim}${src ? ' nor src anywhere' : ''}`,
    )
  }
}

/** Strides of `shape` with the entry of `dim` zeroed: the base offset before the index step. */
function baseStrides(shape: Shape, dim: number): number[] {
  const s = stridesOf(shape)
  s[dim] = 0
  return s
}

/**
 * `values[p] = self[p with coordinate dim replaced by index[p]]` for every position `p` of the
 * index box; `values` is written with `valueStrides`. Indices must already be checked.
 */
export function gatherInto(
  self: Storage,
  selfShape: Shape,
  dim: number,
  index: Int32Array,
  indexShape: Shape,
  values: Storage,
  valueStrides: readonly number[],
): void {
  const step = stridesOf(selfShape)[dim]!
  walkBroadcast(indexShape, baseStrides(selfShape, dim), valueStrides, (p, a, b, n, da, db) => {
    for (let k = 0; k < n; k++) values[b + k * db] = self[a + k * da + index[p + k]! * step]!
  })
}

/**
 * `self[p with coordinate dim replaced by index[p]] += values[p]` for every position `p` of the
 * index box, the inverse of {@link gatherInto}; repeated indices accumulate.
 */
export function scatterAddInto(
  self: Storage,
  selfShape: Shape,
  dim: number,
  index: Int32Array,
  indexShape: Shape,
  values: Storage,
  valueStrides: readonly number[],
): void {
  const step = stridesOf(selfShape)[dim]!
  walkBroadcast(indexShape, baseStrides(selfShape, dim), valueStrides, (p, a, b, n, da, db) => {
    for (let k = 0; k < n; k++) self[a + k * da + index[p + k]! * step]! += values[b + k * db]!
  })
}
