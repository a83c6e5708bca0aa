import type { Tensor } from '../../tensor'
import { elementwiseUnary } from '../math/elementwise-unary'
import { sigmoidScalar } from './sigmoid'

/**
 * Sigmoid linear unit (swish) `x · σ(x)`. ∂/∂x = σ(x) · (1 + x · (1 − σ(x))).
 * @see https://arxiv.org/abs/1702.03118
 */
export function silu(x: Tensor): Tensor {
  return elementwiseUnary(
    'silu',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) {
        const s = v[i]!
        out[i] = s * sigmoidScalar(s)
      }
    },
    (g, v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) {
        const s = v[i]!
        const sig = sigmoidScalar(s)
        dx[i] = g[i]! * sig * (1 + s * (1 - sig))
      }
    },
  )
}
