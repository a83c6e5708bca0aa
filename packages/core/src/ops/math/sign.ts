import type { Tensor } from '../../tensor'
import { elementwiseUnary } from './elementwise-unary'

/**
 * Elementwise sign: 1 above 0, -1 below, 0 at ±0 and (like PyTorch) at NaN; keeps int32.
 * The gradient is zero everywhere.
 */
export function sign(x: Tensor): Tensor {
  return elementwiseUnary(
    'sign',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) {
        const s = v[i]!
        out[i] = s > 0 ? 1 : s < 0 ? -1 : 0
      }
    },
    (_g, _v, _y, dx) => dx.fill(0),
    'same',
  )
}
