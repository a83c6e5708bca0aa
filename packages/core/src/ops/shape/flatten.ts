import { ArgumentError } from '../../errors'
import { formatShape, normalizeDim } from '../../shape'
import type { Tensor } from '../../tensor'
import { reshape } from './reshape'

/**
 * Merges dimensions `startDim..endDim` (inclusive) into one; a 0-d tensor becomes shape `[1]`.
 * A view: shares storage with `x`, like {@link reshape}.
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1])
  const start = normalizeDim('flatten', startDim, x.ndim)
  const end = normalizeDim('flatten', endDim, x.ndim)
  if (start > end) {
    throw new ArgumentError(
      'flatten',
      `startDim ${startDim} comes after endDim ${endDim} for shape ${formatShape(x.shape)}`,
      'pass startDim <= endDim',
    )
  }
  let merged = 1
  for (let d = start; d <= end; d++) merged *= x.shape[d]!
  return reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)])
}
