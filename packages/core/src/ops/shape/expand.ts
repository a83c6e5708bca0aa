import { ArgumentError, ShapeError } from '../../errors'
import { formatShape } from '../../shape'
import type { Tensor } from '../../tensor'
import { broadcastTo } from './broadcast-to'

/**
 * Broadcasts `x` to `sizes` with PyTorch's `expand` conventions: `-1` keeps a dimension's size,
 * sizes of 1 stretch, extra sizes add leading dimensions. A copy, through {@link broadcastTo}.
 */
export function expand(x: Tensor, sizes: readonly number[]): Tensor {
  const lead = sizes.length - x.ndim
  if (lead < 0) {
    throw new ShapeError(
      'expand',
      `sizes ${formatShape(sizes)} have fewer dimensions than the tensor's shape ${formatShape(x.shape)}`,
      'give one size per dimension (-1 keeps it); extra sizes go in front',
    )
  }
  const target = sizes.map((s, i) => {
    const own = i < lead ? undefined : x.shape[i - lead]!
    if (s === -1 && own !== undefined) return own
    if (!Number.isInteger(s) || s < 0) {
      throw new ArgumentError(
        'expand',
        `invalid size ${s} at position ${i} of ${formatShape(sizes)} for shape ${formatShape(x.shape)}`,
        own === undefined
          ? 'new leading dimensions need an explicit non-negative size'
          : 'sizes are non-negative integers, or -1 to keep the size',
      )
    }
    if (own !== undefined && own !== s && own !== 1) {
      throw new ShapeError(
        'expand',
        `cannot expand ${formatShape(x.shape)} to ${formatShape(sizes)}: dimension ${i} has size ${own}, not 1`,
        'only dimensions of size 1 can be expanded; use -1 to keep a size',
      )
    }
    return s
  })
  return broadcastTo(x, target)
}
