import { recordOp } from '../../autograd/graph'
import { allocate } from '../../dtype'
import { ShapeError } from '../../errors'
import { formatShape, normalizeDim } from '../../shape'
import { Tensor } from '../../tensor'
import { checkIndex } from './check-index'

/**
 * Picks the entries `index` (int32, 1-D; repeats allowed) along `dim`:
 * `out[…, j, …] = x[…, index[j], …]`. ∂/∂x adds each gradient slice back at its index.
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  if (x.ndim === 0 || index.ndim > 1) {
    throw new ShapeError(
      'indexSelect',
      `needs a tensor of at least 1 dimension and a 1-D index, got shapes ${formatShape(x.shape)} and ${formatShape(index.shape)}`,
      x.ndim === 0 ? 'reshape the tensor to [1] first' : 'flatten the index, or use gather',
    )
  }
  const d = normalizeDim('indexSelect', dim, x.ndim)
  const idx = checkIndex('indexSelect', index, d, x.shape)
  const n = x.shape[d]!
  const k = idx.length
  let outer = 1
  for (let i = 0; i < d; i++) outer *= x.shape[i]!
  let inner = 1
  for (let i = d + 1; i < x.ndim; i++) inner *= x.shape[i]!
  const shape = [...x.shape]
  shape[d] = k
  const src = x.data
  const out = allocate(x.dtype, outer * k * inner)
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < k; j++) {
      const from = (o * n + idx[j]!) * inner
      const to = (o * k + j) * inner
      for (let t = 0; t < inner; t++) out[to + t] = src[from + t]!
    }
  }
  return recordOp(new Tensor(out, shape), 'indexSelect', [x], (g) => {
    const gx = new Float32Array(x.size)
    const gd = g.data
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < k; j++) {
        const to = (o * n + idx[j]!) * inner
        const from = (o * k + j) * inner
        for (let t = 0; t < inner; t++) gx[to + t]! += gd[from + t]!
      }
    }
    return [new Tensor(gx, x.shape)]
  })
}
