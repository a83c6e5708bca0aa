import { ArgumentError } from '../../errors'
import { formatShape, normalizeDim } from '../../shape'
import type { Tensor } from '../../tensor'
import { slice } from './slice'

/**
 * Takes `length` consecutive entries along `dim` starting at `start` (negative counts from the
 * end); the range must fit in the dimension. A copy, through {@link slice}.
 */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normalizeDim('narrow', dim, x.ndim)
  const n = x.shape[d] ?? 1
  if (!Number.isInteger(start) || start < -n || start > n) {
    throw new ArgumentError(
      'narrow',
      `start ${start} is out of range for dimension ${d} of size ${n} (shape ${formatShape(x.shape)})`,
      `use an integer start in [${-n}, ${n}]`,
    )
  }
  const s = start < 0 ? start + n : start
  if (!Number.isInteger(length) || length < 0 || s + length > n) {
    throw new ArgumentError(
      'narrow',
      `start ${s} + length ${length} does not fit dimension ${d} of size ${n} (shape ${formatShape(x.shape)})`,
      `use an integer length in [0, ${n - s}]`,
    )
  }
  return slice(x, d, s, s + length)
}
