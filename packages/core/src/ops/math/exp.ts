import type { Tensor } from '../../tensor'
import { elementwiseUnary } from './elementwise-unary'

/** Elementwise exponential `eˣ`. ∂/∂x = eˣ. */
export function exp(x: Tensor): Tensor {
  return elementwiseUnary(
    'exp',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) out[i] = Math.exp(v[i]!)
    },
    (g, _v, y, dx) => {
      for (let i = 0; i < dx.length; i++) dx[i] = g[i]! * y[i]!
    },
  )
}
