import type { Tensor } from '../../tensor'
import { elementwiseUnary } from '../math/elementwise-unary'

/** Elementwise hyperbolic tangent `tanh x`. ∂/∂x = 1 − tanh²x. */
export function tanh(x: Tensor): Tensor {
  return elementwiseUnary(
    'tanh',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) out[i] = Math.tanh(v[i]!)
    },
    (g, _v, y, dx) => {
      for (let i = 0; i < dx.length; i++) {
        const t = y[i]!
        dx[i] = g[i]! * (1 - t * t)
      }
    },
  )
}
