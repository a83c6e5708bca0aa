import { recordOp } from '../../autograd/graph'
import { normalizeDims } from '../../shape'
import { Tensor } from '../../tensor'
import { broadcastTo } from '../shape/broadcast-to'
import { reshape } from '../shape/reshape'
import { keptShape, reducedShape, sumOverDims } from './reduce-sum'

/**
 * Sum over `dim` (one, several, or all dimensions when omitted), accumulated in float64.
 * int32 input gives an int32 result. ∂/∂x = 1 broadcast back.
 */
export function sum(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  const dims = normalizeDims('sum', dim, x.ndim)
  const sums = sumOverDims(x, dims)
  const data = x.dtype === 'int32' ? Int32Array.from(sums) : Float32Array.from(sums)
  const out = new Tensor(data, reducedShape(x.shape, dims, keepdim))
  return recordOp(out, 'sum', [x], (g) => [
    broadcastTo(reshape(g, keptShape(x.shape, dims)), x.shape),
  ])
}
