import { recordOp } from '../../autograd/graph'
import { allocate } from '../../dtype'
import { ArgumentError, ShapeError } from '../../errors'
import { formatShape, normalizeDim, stridesOf } from '../../shape'
import { Tensor } from '../../tensor'
import { copyStrided } from './strided-copy'

/**
 * Reorders the dimensions: result dimension `i` is input dimension `dims[i]` (a contiguous
 * copy). ∂/∂x permutes the gradient back with the inverse permutation.
 */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) {
    throw new ShapeError(
      'permute',
      `dims [${dims.join(',')}] name ${dims.length} dimensions but the tensor of shape ${formatShape(x.shape)} has ${x.ndim}`,
      'list every dimension of the tensor exactly once',
    )
  }
  const order = dims.map((d) => normalizeDim('permute', d, x.ndim))
  const inverse = new Array<number>(order.length).fill(-1)
  order.forEach((d, i) => {
    if (inverse[d] !== -1) {
      throw new ArgumentError(
        'permute',
        `dimension ${d} appears twice in [${dims.join(',')}]`,
        'list every dimension of the tensor exactly once',
      )
    }
    inverse[d] = i
  })
  const strides = stridesOf(x.shape)
  const shape = order.map((d) => x.shape[d]!)
  const out = allocate(x.dtype, x.size)
  copyStrided(
    x.data,
    0,
    order.map((d) => strides[d]!),
    out,
    0,
    stridesOf(shape),
    shape,
  )
  return recordOp(new Tensor(out, shape), 'permute', [x], (g) => [permute(g, inverse)])
}
