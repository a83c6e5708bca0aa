import type { Tensor } from '../../tensor'
import { elementwiseUnary } from './elementwise-unary'

/** Elementwise absolute value `|x|`, keeping int32. ∂/∂x = sign(x), 0 at 0 (like PyTorch). */
export function abs(x: Tensor): Tensor {
  return elementwiseUnary(
    'abs',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) out[i] = Math.abs(v[i]!)
    },
    (g, v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) {
        const s = v[i]!
        dx[i] = s > 0 ? g[i]! : s < 0 ? -g[i]! : 0
      }
    },
    'same',
  )
}
