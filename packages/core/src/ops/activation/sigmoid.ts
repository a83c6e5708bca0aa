import type { Tensor } from '../../tensor'
import { elementwiseUnary } from '../math/elementwise-unary'

/**
 * The logistic function of one number, without overflow for large |x|: `1 / (1 + e^(−x))`
 * for x ≥ 0 and `eˣ / (1 + eˣ)` below.
 * @internal
 */
export function sigmoidScalar(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}

/** Elementwise logistic sigmoid `σ(x) = 1 / (1 + e^(−x))`. ∂/∂x = σ(x)·(1 − σ(x)). */
export function sigmoid(x: Tensor): Tensor {
  return elementwiseUnary(
    'sigmoid',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) out[i] = sigmoidScalar(v[i]!)
    },
    (g, _v, y, dx) => {
      for (let i = 0; i < dx.length; i++) {
        const s = y[i]!
        dx[i] = g[i]! * s * (1 - s)
      }
    },
  )
}
