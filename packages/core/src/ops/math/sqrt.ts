import type { Tensor } from '../../tensor'
import { elementwiseUnary } from './elementwise-unary'

/** Elementwise square root `√x` (NaN below 0). ∂/∂x = 1 / (2√x), infinite at 0. */
export function sqrt(x: Tensor): Tensor {
  return elementwiseUnary(
    'sqrt',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) out[i] = Math.sqrt(v[i]!)
    },
    (g, _v, y, dx) => {
      for (let i = 0; i < dx.length; i++) dx[i] = g[i]! / (2 * y[i]!)
    },
  )
}
