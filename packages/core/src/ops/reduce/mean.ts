import { recordOp } from '../../autograd/graph'
import { normalizeDims } from '../../shape'
import { Tensor } from '../../tensor'
import { mul } from '../arithmetic/mul'
import { broadcastTo } from '../shape/broadcast-to'
import { reshape } from '../shape/reshape'
import { keptShape, reducedShape, sumOverDims } from './reduce-sum'

/** Arithmetic mean over `dim` (all dimensions when omitted). ∂/∂x = 1/n broadcast back. */
export function mean(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  const dims = normalizeDims('mean', dim, x.ndim)
  let count = 1
  for (const d of dims) count *= x.shape[d]!
  const sums = sumOverDims(x, dims)
  const out = new Float32Array(sums.length)
  for (let i = 0; i < out.length; i++) out[i] = sums[i]! / count
  const result = new Tensor(out, reducedShape(x.shape, dims, keepdim))
  return recordOp(result, 'mean', [x], (g) => [
    broadcastTo(reshape(mul(g, 1 / count), keptShape(x.shape, dims)), x.shape),
  ])
}
