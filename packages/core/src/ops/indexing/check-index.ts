import { expectDType } from '../../dtype'
import { ArgumentError } from '../../errors'
import { formatShape, type Shape } from '../../shape'
import type { Tensor } from '../../tensor'

/**
 * Checks that `index` is int32 and that every entry lies in `[0, size)` for dimension `dim` of
 * a tensor of `shape`; the error names the first bad index, its position and the valid range.
 */
export function checkIndex(op: string, index: Tensor, dim: number, shape: Shape): Int32Array {
  expectDType(op, 'index', index.dtype, 'int32')
  const idx = index.data as Int32Array
  const size = shape[dim]!
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!
    if (v >= 0 && v < size) continue
    const position: number[] = []
    let rest = i
    for (let d = index.ndim - 1; d >= 0; d--) {
      position.unshift(rest % index.shape[d]!)
      rest = Math.floor(rest / index.shape[d]!)
    }
    throw new ArgumentError(
      op,
      `index ${v} at position ${formatShape(position)} is out of range for dimension ${dim} of size ${size} (shape ${formatShape(shape)})`,
      size === 0
        ? 'the dimension is empty, so no index is valid'
        : `indices must lie in [0, ${size - 1}]`,
    )
  }
  return idx
}
