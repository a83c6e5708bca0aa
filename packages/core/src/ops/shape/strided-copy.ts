import type { Storage } from '../../dtype'
import { walkBroadcast } from '../broadcast'

/**
 * Copies a box of `shape` read from `src` (at `srcOffset`, with `srcStrides`) into `dst` (at
 * `dstOffset`, with `dstStrides`). Dimensions of size 1 are dropped and neighbours that are
 * contiguous in both layouts are merged, so rows are as long as possible and contiguous rows
 * are block copies. Shared by permute, slice, pad and concat.
 */
export function copyStrided(
  src: Storage,
  srcOffset: number,
  srcStrides: readonly number[],
  dst: Storage,
  dstOffset: number,
  dstStrides: readonly number[],
  shape: readonly number[],
): void {
  const sizes: number[] = []
  const from: number[] = []
  const to: number[] = []
  for (let i = 0; i < shape.length; i++) {
    const n = shape[i]!
    if (n === 0) return
    if (n === 1) continue
    const s = srcStrides[i]!
    const t = dstStrides[i]!
    const last = sizes.length - 1
    if (last >= 0 && from[last] === s * n && to[last] === t * n) {
      sizes[last]! *= n
      from[last] = s
      to[last] = t
    } else {
      sizes.push(n)
      from.push(s)
      to.push(t)
    }
  }
  walkBroadcast(sizes, from, to, (_, a, b, n, da, db) => {
    a += srcOffset
    b += dstOffset
    if (da === 1 && db === 1) dst.set(src.subarray(a, a + n), b)
    else for (let k = 0; k < n; k++) dst[b + k * db] = src[a + k * da]!
  })
}
