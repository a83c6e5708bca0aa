import { ArgumentError } from '../../errors'
import type { Tensor } from '../../tensor'
import { elementwiseUnary } from '../math/elementwise-unary'
import { erfScalar } from '../math/erf'

const SQRT1_2 = Math.SQRT1_2
/** 1/√(2π), the peak of the standard normal density φ. */
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI)
/** √(2/π), the slope of the tanh approximation's inner polynomial. */
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI)
const KAPPA = 0.044715

function geluErf(x: Tensor): Tensor {
  return elementwiseUnary(
    'gelu',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) {
        const s = v[i]!
        out[i] = 0.5 * s * (1 + erfScalar(s * SQRT1_2))
      }
    },
    (g, v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) {
        const s = v[i]!
        const cdf = 0.5 * (1 + erfScalar(s * SQRT1_2))
        dx[i] = g[i]! * (cdf + s * INV_SQRT_2PI * Math.exp(-0.5 * s * s))
      }
    },
  )
}

function geluTanh(x: Tensor): Tensor {
  return elementwiseUnary(
    'gelu',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) {
        const s = v[i]!
        out[i] = 0.5 * s * (1 + Math.tanh(SQRT_2_OVER_PI * (s + KAPPA * s * s * s)))
      }
    },
    (g, v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) {
        const s = v[i]!
        const t = Math.tanh(SQRT_2_OVER_PI * (s + KAPPA * s * s * s))
        const inner = SQRT_2_OVER_PI * (1 + 3 * KAPPA * s * s)
        dx[i] = g[i]! * (0.5 * (1 + t) + 0.5 * s * (1 - t * t) * inner)
      }
    },
  )
}

/**
 * Gaussian error linear unit `x · Φ(x) = x/2 · (1 + erf(x/√2))`, or with
 * `approximate = 'tanh'` PyTorch's `x/2 · (1 + tanh(√(2/π) · (x + 0.044715·x³)))`.
 * ∂/∂x = Φ(x) + x·φ(x) (exact form), the derivative of the tanh form otherwise.
 * @see https://arxiv.org/abs/1606.08415
 */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate === 'none') return geluErf(x)
  if (approximate === 'tanh') return geluTanh(x)
  throw new ArgumentError(
    'gelu',
    `unknown approximate '${String(approximate)}'`,
    "use 'none' (exact, with erf) or 'tanh'",
  )
}
