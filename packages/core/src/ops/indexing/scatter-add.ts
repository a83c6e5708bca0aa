import { recordOp } from '../../autograd/graph'
import { expectDType } from '../../dtype'
import { normalizeDim, stridesOf } from '../../shape'
import { Tensor } from '../../tensor'
import { checkIndex } from './check-index'
import { checkGatherShapes, gatherInto, scatterAddInto } from './gather-scatter'

/**
 * A copy of `x` with `src` added at int32 positions `index` along `dim`; repeated indices
 * accumulate. For dim 1: `out[i][index[i][j][k]][k] += src[i][j][k]`, over the index's shape.
 * ∂/∂x = gradient; ∂/∂src gathers the gradient at the same positions (zero outside the index).
 */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  expectDType('scatterAdd', 'src', src.dtype, x.dtype)
  const d = normalizeDim('scatterAdd', dim, x.ndim)
  checkGatherShapes('scatterAdd', x.shape, d, index.shape, src.shape)
  const idx = checkIndex('scatterAdd', index, d, x.shape)
  const srcStrides = stridesOf(src.shape)
  const out = x.data.slice()
  scatterAddInto(out, x.shape, d, idx, index.shape, src.data, srcStrides)
  return recordOp(new Tensor(out, x.shape), 'scatterAdd', [x, src], (g) => {
    let gs: Tensor | null = null
    if (src.requiresGrad) {
      gs = new Tensor(new Float32Array(src.size), src.shape)
      gatherInto(g.data, x.shape, d, idx, index.shape, gs.data, srcStrides)
    }
    return [x.requiresGrad ? g : null, gs]
  })
}
