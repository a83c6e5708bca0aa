import { type Shape, stridesOf } from '../../shape'
import type { Tensor } from '../../tensor'
import { broadcastStrides, walkBroadcast } from '../broadcast'

/** The shape of a reduction over `dims`, keeping them as size 1. */
export function keptShape(shape: Shape, dims: readonly number[]): number[] {
  return shape.map((d, i) => (dims.includes(i) ? 1 : d))
}

/** The shape of a reduction over `dims`, with them dropped unless `keepdim`. */
export function reducedShape(shape: Shape, dims: readonly number[], keepdim: boolean): number[] {
  return keepdim ? keptShape(shape, dims) : shape.filter((_, i) => !dims.includes(i))
}

/**
 * Sums `t` over `dims` (already normalized) in float64, returning the sums laid out in the
 * kept shape. Shared by sum, mean, var and friends.
 */
export function sumOverDims(t: Tensor, dims: readonly number[]): Float64Array {
  const kept = keptShape(t.shape, dims)
  let outSize = 1
  for (const d of kept) outSize *= d
  const acc = new Float64Array(outSize)
  const x = t.data
  if (dims.length === t.ndim || outSize === 1) {
    let s = 0
    for (let i = 0; i < x.length; i++) s += x[i]!
    if (outSize === 1) acc[0] = s
    return acc
  }
  walkBroadcast(
    t.shape,
    stridesOf(t.shape),
    broadcastStrides(kept, t.shape),
    (_, ia, ib, n, da, db) => {
      if (db === 0) {
        let s = 0
        for (let k = 0; k < n; k++) s += x[ia + k * da]!
        acc[ib]! += s
      } else {
        for (let k = 0; k < n; k++) acc[ib + k * db]! += x[ia + k * da]!
      }
    },
  )
  return acc
}
