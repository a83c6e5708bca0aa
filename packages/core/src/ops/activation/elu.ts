import type { Tensor } from '../../tensor'
import { elementwiseUnary } from '../math/elementwise-unary'

/**
 * `scale · (x > 0 ? x : alpha · (eˣ − 1))`, the shared form of ELU and SELU, with `eˣ − 1`
 * computed by `expm1` for accuracy near 0. ∂/∂x = scale, or `scale · alpha · eˣ` for x ≤ 0.
 * @internal
 */
export function scaledElu(name: string, x: Tensor, alpha: number, scale: number): Tensor {
  const negative = scale * alpha
  return elementwiseUnary(
    name,
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) {
        const s = v[i]!
        out[i] = s <= 0 ? negative * Math.expm1(s) : scale * s
      }
    },
    (g, v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) {
        const s = v[i]!
        dx[i] = s <= 0 ? g[i]! * negative * Math.exp(s) : g[i]! * scale
      }
    },
  )
}

/**
 * Exponential linear unit: `x` for x > 0, `alpha · (eˣ − 1)` otherwise.
 * ∂/∂x = 1 for x > 0, `alpha · eˣ` for x ≤ 0.
 * @see https://arxiv.org/abs/1511.07289
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  return scaledElu('elu', x, alpha, 1)
}
