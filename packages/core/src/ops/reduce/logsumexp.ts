import { recordOp } from '../../autograd/graph'
import { expectDType } from '../../dtype'
import { normalizeDims } from '../../shape'
import { Tensor } from '../../tensor'
import { reductionIndex } from './reduce-layout'
import { keptShape, reducedShape } from './reduce-sum'

/**
 * `log Σ exp(x)` over `dim` (one or several dimensions), computed stably as
 * `m + log Σ exp(x − m)` with `m` the maximum (0 where the maximum is infinite).
 * ∂/∂x = exp(x − logsumexp), i.e. the softmax over `dim`.
 * @see https://pytorch.org/docs/stable/generated/torch.logsumexp.html
 */
export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  expectDType('logsumexp', 'input', x.dtype, 'float32')
  const dims = normalizeDims('logsumexp', dim, x.ndim)
  const index = reductionIndex(x.shape, dims)
  let outSize = 1
  for (const d of keptShape(x.shape, dims)) outSize *= d
  const src = x.data
  const shift = new Float64Array(outSize).fill(-Infinity)
  for (let i = 0; i < src.length; i++) {
    const o = index[i]!
    if (src[i]! > shift[o]!) shift[o] = src[i]!
  }
  for (let o = 0; o < outSize; o++) if (!Number.isFinite(shift[o]!)) shift[o] = 0
  const sums = new Float64Array(outSize)
  for (let i = 0; i < src.length; i++) {
    const o = index[i]!
    sums[o]! += Math.exp(src[i]! - shift[o]!)
  }
  const lse = new Float64Array(outSize)
  for (let o = 0; o < outSize; o++) lse[o] = Math.log(sums[o]!) + shift[o]!
  const out = new Tensor(Float32Array.from(lse), reducedShape(x.shape, dims, keepdim))
  return recordOp(out, 'logsumexp', [x], (g) => {
    const gd = g.data
    const grad = new Float32Array(src.length)
    for (let i = 0; i < src.length; i++) {
      const o = index[i]!
      grad[i] = gd[o]! * Math.exp(src[i]! - lse[o]!)
    }
    return [new Tensor(grad, x.shape)]
  })
}
