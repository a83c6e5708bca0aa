import { normalizeDim } from '../../shape'
import type { Tensor } from '../../tensor'
import { reshape } from './reshape'

/**
 * Inserts a dimension of size 1 at `dim`, in `[-ndim-1, ndim]` (negative counts from the end of
 * the result). A view: shares storage with `x`.
 */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim('unsqueeze', dim, x.ndim + 1)
  return reshape(x, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)])
}
