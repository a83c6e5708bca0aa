import { normalizeDim } from '../../shape'
import type { Tensor } from '../../tensor'
import { permute } from './permute'

/** Swaps dimensions `dim0` and `dim1` (a contiguous copy, through {@link permute}). */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim('transpose', dim0, x.ndim)
  const b = normalizeDim('transpose', dim1, x.ndim)
  const order = Array.from({ length: x.ndim }, (_, i) => i)
  if (a !== b) {
    order[a] = b
    order[b] = a
  }
  return permute(x, order)
}
