import { type Shape, stridesOf } from '../shape'

/**
 * Strides for reading a tensor of `shape` as if broadcast to `outShape`: 0 along dimensions
 * that are missing or of size 1 in `shape`.
 */
export function broadcastStrides(shape: Shape, outShape: Shape): number[] {
  const own = stridesOf(shape)
  const offset = outShape.length - shape.length
  return outShape.map((_, i) => {
    const j = i - offset
    return j < 0 || shape[j] === 1 ? 0 : own[j]!
  })
}

/**
 * For every position of a row-major walk over `outShape`, the storage offsets into two
 * operands read with strides `sa` and `sb`. Calls `visit(outIndex, offsetA, offsetB)` row by
 * row: `visitRow(outStart, aStart, bStart, length, strideA, strideB)` covers the last dimension.
 */
export function walkBroadcast(
  outShape: Shape,
  sa: readonly number[],
  sb: readonly number[],
  visitRow: (out: number, a: number, b: number, n: number, da: number, db: number) => void,
): void {
  const nd = outShape.length
  if (nd === 0) {
    visitRow(0, 0, 0, 1, 0, 0)
    return
  }
  const inner = outShape[nd - 1]!
  const da = sa[nd - 1]!
  const db = sb[nd - 1]!
  let rows = 1
  for (let i = 0; i < nd - 1; i++) rows *= outShape[i]!
  if (inner === 0 || rows === 0) return
  const counter = new Array<number>(nd - 1).fill(0)
  let offA = 0
  let offB = 0
  for (let r = 0; r < rows; r++) {
    visitRow(r * inner, offA, offB, inner, da, db)
    for (let d = nd - 2; d >= 0; d--) {
      counter[d]!++
      offA += sa[d]!
      offB += sb[d]!
      if (counter[d]! < outShape[d]!) break
      offA -= sa[d]! * outShape[d]!
      offB -= sb[d]! * outShape[d]!
      counter[d] = 0
    }
  }
}
