import { recordOp } from '../../autograd/graph'
import { allocate } from '../../dtype'
import { normalizeDim, stridesOf } from '../../shape'
import { Tensor } from '../../tensor'
import { checkIndex } from './check-index'
import { checkGatherShapes, gatherInto, scatterAddInto } from './gather-scatter'

/**
 * Reads `x` along `dim` at int32 positions `index` (same number of dimensions; the result has
 * the index's shape). For dim 1: `out[i][j][k] = x[i][index[i][j][k]][k]`.
 * ∂/∂x scatter-adds the gradient back to the positions read.
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normalizeDim('gather', dim, x.ndim)
  checkGatherShapes('gather', x.shape, d, index.shape)
  const idx = checkIndex('gather', index, d, x.shape)
  const strides = stridesOf(index.shape)
  const out = allocate(x.dtype, index.size)
  gatherInto(x.data, x.shape, d, idx, index.shape, out, strides)
  return recordOp(new Tensor(out, index.shape), 'gather', [x], (g) => {
    const gx = new Float32Array(x.size)
    scatterAddInto(gx, x.shape, d, idx, index.shape, g.data, strides)
    return [new Tensor(gx, x.shape)]
  })
}
