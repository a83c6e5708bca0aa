import { recordOp } from '../../autograd/graph'
import { expectDType } from '../../dtype'
import { normalizeDim } from '../../shape'
import { Tensor } from '../../tensor'
import { dimLayout } from '../reduce/reduce-layout'

/**
 * Normalized exponentials along `dim`: `softmax(x)ᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m)` with `m`
 * the maximum along `dim` (the shift keeps it stable). ∂/∂x = y ⊙ (g − Σ g ⊙ y) for output y.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.softmax.html
 */
export function softmax(x: Tensor, dim = -1): Tensor {
  expectDType('softmax', 'input', x.dtype, 'float32')
  const { outer, size, inner } = dimLayout(x.shape, normalizeDim('softmax', dim, x.ndim))
  const src = x.data
  const y = new Float32Array(src.length)
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i
      const end = base + size * inner
      let m = -Infinity
      for (let k = base; k < end; k += inner) if (src[k]! > m) m = src[k]!
      let s = 0
      for (let k = base; k < end; k += inner) {
        const e = Math.exp(src[k]! - m)
        y[k] = e
        s += e
      }
      const r = 1 / s
      for (let k = base; k < end; k += inner) y[k]! *= r
    }
  }
  const out = new Tensor(y, x.shape)
  return recordOp(out, 'softmax', [x], (g) => {
    const gd = g.data
    const grad = new Float32Array(y.length)
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * size * inner + i
        const end = base + size * inner
        let dot = 0
        for (let k = base; k < end; k += inner) dot += gd[k]! * y[k]!
        for (let k = base; k < end; k += inner) grad[k] = y[k]! * (gd[k]! - dot)
      }
    }
    return [new Tensor(grad, x.shape)]
  })
}
