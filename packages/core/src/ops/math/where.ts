import { recordOp } from '../../autograd/graph'
import { allocate, promote } from '../../dtype'
import { ShapeError } from '../../errors'
import { broadcastShapes, formatShape, type Shape, sizeOf } from '../../shape'
import { asTensor, Tensor, type TensorLike } from '../../tensor'
import { broadcastStrides, walkBroadcast } from '../broadcast'
import { broadcastTo } from '../shape/broadcast-to'
import { weightedGrad } from './weighted-grad'

function whereShape(condition: Shape, a: Shape, b: Shape): number[] {
  try {
    return broadcastShapes('where', broadcastShapes('where', condition, a), b)
  } catch (cause) {
    throw new ShapeError(
      'where',
      `condition ${formatShape(condition)}, a ${formatShape(a)} and b ${formatShape(b)} do not broadcast together`,
      'sizes must match or be 1 in each dimension, aligned from the right',
      { cause },
    )
  }
}

/**
 * Elementwise `condition ? a : b` with broadcasting of all three. `condition` is any tensor,
 * nonzero (NaN included) meaning true. ∂/∂a = 1 where the condition holds and 0 elsewhere,
 * ∂/∂b the opposite; the condition gets no gradient.
 */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const ta = asTensor(a)
  const tb = asTensor(b)
  const shape = whereShape(condition.shape, ta.shape, tb.shape)
  const c = broadcastTo(condition.detach(), shape).data
  const out = allocate(promote(ta.dtype, tb.dtype), sizeOf(shape))
  const x = ta.data
  const y = tb.data
  walkBroadcast(
    shape,
    broadcastStrides(ta.shape, shape),
    broadcastStrides(tb.shape, shape),
    (o, ia, ib, n, da, db) => {
      for (let k = 0; k < n; k++) out[o + k] = c[o + k] !== 0 ? x[ia + k * da]! : y[ib + k * db]!
    },
  )
  return recordOp(new Tensor(out, shape), 'where', [ta, tb], (g) => {
    const taken = new Float32Array(c.length)
    const other = new Float32Array(c.length)
    for (let i = 0; i < c.length; i++) {
      if (c[i] !== 0) taken[i] = 1
      else other[i] = 1
    }
    return [
      ta.requiresGrad ? weightedGrad(g, taken, ta.shape) : null,
      tb.requiresGrad ? weightedGrad(g, other, tb.shape) : null,
    ]
  })
}
