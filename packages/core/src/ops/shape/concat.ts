import { recordOp } from '../../autograd/graph'
import { allocate } from '../../dtype'
import { ArgumentError, ShapeError } from '../../errors'
import { formatShape, normalizeDim, sizeOf, stridesOf } from '../../shape'
import { Tensor } from '../../tensor'
import { narrow } from './narrow'
import { copyStrided } from './strided-copy'

/**
 * Joins tensors along an existing dimension `dim`; their sizes must match in every other
 * dimension. The result is int32 only when every input is. ∂/∂xᵢ is the matching slice of the
 * gradient.
 */
export function concat(tensors: readonly Tensor[], dim = 0): Tensor {
  const first = tensors[0]
  if (first === undefined) {
    throw new ArgumentError('concat', 'got an empty list of tensors', 'pass at least one tensor')
  }
  if (first.ndim === 0) {
    throw new ShapeError(
      'concat',
      'cannot concatenate 0-d tensors (shape [])',
      'use stack, or unsqueeze them first',
    )
  }
  const d = normalizeDim('concat', dim, first.ndim)
  const starts: number[] = []
  let total = 0
  let allInt = true
  tensors.forEach((t, i) => {
    const fits = t.ndim === first.ndim && t.shape.every((n, j) => j === d || n === first.shape[j])
    if (!fits) {
      throw new ShapeError(
        'concat',
        `tensor ${i} has shape ${formatShape(t.shape)} but tensor 0 has shape ${formatShape(first.shape)}`,
        `sizes must match in every dimension except dimension ${d}`,
      )
    }
    starts.push(total)
    total += t.shape[d]!
    if (t.dtype !== 'int32') allInt = false
  })
  const shape = [...first.shape]
  shape[d] = total
  const strides = stridesOf(shape)
  const out = allocate(allInt ? 'int32' : 'float32', sizeOf(shape))
  tensors.forEach((t, i) => {
    copyStrided(t.data, 0, stridesOf(t.shape), out, starts[i]! * strides[d]!, strides, t.shape)
  })
  return recordOp(new Tensor(out, shape), 'concat', tensors, (g) =>
    tensors.map((t, i) => (t.requiresGrad ? narrow(g, d, starts[i]!, t.shape[d]!) : null)),
  )
}
