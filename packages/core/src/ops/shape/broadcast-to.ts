import { recordOp } from '../../autograd/graph'
import { allocate } from '../../dtype'
import { ShapeError } from '../../errors'
import { broadcastShapes, formatShape, shapesEqual, sizeOf, stridesOf } from '../../shape'
import { Tensor } from '../../tensor'
import { broadcastStrides, walkBroadcast } from '../broadcast'
import { sumToShape } from './sum-to-shape'

/**
 * Copies `x` broadcast to `shape` (NumPy rules: sizes of 1 stretch, new leading dimensions
 * are added). ∂/∂x sums the gradient back over the broadcast dimensions.
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  if (shapesEqual(x.shape, shape)) return x
  if (!shapesEqual(broadcastShapes('broadcastTo', x.shape, shape), shape)) {
    throw new ShapeError(
      'broadcastTo',
      `cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}`,
      'only dimensions of size 1 can be stretched',
    )
  }
  const out = allocate(x.dtype, sizeOf(shape))
  const src = x.data
  walkBroadcast(shape, broadcastStrides(x.shape, shape), stridesOf(shape), (o, ia, _ib, n, da) => {
    if (da === 0) out.fill(src[ia]!, o, o + n)
    else for (let k = 0; k < n; k++) out[o + k] = src[ia + k * da]!
  })
  return recordOp(new Tensor(out, shape), 'broadcastTo', [x], (g) => [sumToShape(g, x.shape)])
}
