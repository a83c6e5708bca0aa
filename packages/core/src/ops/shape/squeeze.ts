import { normalizeDims } from '../../shape'
import type { Tensor } from '../../tensor'
import { reshape } from './reshape'

/**
 * Removes dimensions of size 1: all of them, or only those named by `dim` (named dimensions of
 * another size are kept, as in PyTorch). A view: shares storage with `x`.
 */
export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  const dims = normalizeDims('squeeze', dim, x.ndim)
  return reshape(
    x,
    x.shape.filter((n, i) => n !== 1 || !dims.includes(i)),
  )
}
