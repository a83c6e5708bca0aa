import type { Tensor } from '../../tensor'
import { elementwiseUnary } from './elementwise-unary'

/** Elementwise natural logarithm `ln x` (`-Infinity` at 0, NaN below). ∂/∂x = 1/x. */
export function log(x: Tensor): Tensor {
  return elementwiseUnary(
    'log',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) out[i] = Math.log(v[i]!)
    },
    (g, v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) dx[i] = g[i]! / v[i]!
    },
  )
}
