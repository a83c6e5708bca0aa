import type { Tensor } from '../../tensor'
import { elementwiseUnary } from '../math/elementwise-unary'

/**
 * Leaky ReLU: `x` for x > 0, `negativeSlope · x` otherwise.
 * ∂/∂x = 1 for x > 0, `negativeSlope` for x ≤ 0.
 * @see https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf
 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return elementwiseUnary(
    'leakyRelu',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) {
        const s = v[i]!
        out[i] = s > 0 ? s : s * negativeSlope
      }
    },
    (g, v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) dx[i] = v[i]! > 0 ? g[i]! : g[i]! * negativeSlope
    },
  )
}
