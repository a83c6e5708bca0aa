import { recordOp } from '../../autograd/graph'
import { expectDType } from '../../dtype'
import { normalizeDim } from '../../shape'
import { Tensor } from '../../tensor'
import { dimLayout } from '../reduce/reduce-layout'

/**
 * Logarithm of the softmax along `dim`, computed stably in one pass as
 * `log_softmax(x)ᵢ = xᵢ − m − log Σⱼ exp(xⱼ − m)` with `m` the maximum along `dim`.
 * ∂/∂x = g − softmax(x) · Σ g.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.log_softmax.html
 */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  expectDType('logSoftmax', 'input', x.dtype, 'float32')
  const { outer, size, inner } = dimLayout(x.shape, normalizeDim('logSoftmax', dim, x.ndim))
  const src = x.data
  const y = new Float32Array(src.length)
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i
      const end = base + size * inner
      let m = -Infinity
      for (let k = base; k < end; k += inner) if (src[k]! > m) m = src[k]!
      let s = 0
      for (let k = base; k < end; k += inner) s += Math.exp(src[k]! - m)
      const shift = m + Math.log(s)
      for (let k = base; k < end; k += inner) y[k] = src[k]! - shift
    }
  }
  const out = new Tensor(y, x.shape)
  return recordOp(out, 'logSoftmax', [x], (g) => {
    const gd = g.data
    const grad = new Float32Array(y.length)
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * size * inner + i
        const end = base + size * inner
        let total = 0
        for (let k = base; k < end; k += inner) total += gd[k]!
        for (let k = base; k < end; k += inner) grad[k] = gd[k]! - Math.exp(y[k]!) * total
      }
    }
    return [new Tensor(grad, x.shape)]
  })
}
