import { ArgumentError, ShapeError } from '../../errors'
import { formatShape, normalizeDim, shapesEqual } from '../../shape'
import type { Tensor } from '../../tensor'
import { concat } from './concat'
import { unsqueeze } from './unsqueeze'

/**
 * Joins tensors of one shape along a new dimension `dim` (in `[-ndim-1, ndim]`): the
 * concatenation of the tensors each unsqueezed at `dim`.
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  const first = tensors[0]
  if (first === undefined) {
    throw new ArgumentError('stack', 'got an empty list of tensors', 'pass at least one tensor')
  }
  tensors.forEach((t, i) => {
    if (!shapesEqual(t.shape, first.shape)) {
      throw new ShapeError(
        'stack',
        `tensor ${i} has shape ${formatShape(t.shape)} but tensor 0 has shape ${formatShape(first.shape)}`,
        'stack tensors of one shape (concat joins along an existing dimension)',
      )
    }
  })
  const d = normalizeDim('stack', dim, first.ndim + 1)
  return concat(
    tensors.map((t) => unsqueeze(t, d)),
    d,
  )
}
