import { ArgumentError } from '../../errors'
import type { Tensor } from '../../tensor'
import { elementwiseUnary } from '../math/elementwise-unary'
import { sigmoidScalar } from './sigmoid'

/**
 * Softplus `ln(1 + e^(β·x)) / β`, and `x` itself where `β·x > threshold` (as in PyTorch).
 * Computed as `(max(z, 0) + ln(1 + e^(−|z|))) / β` with `z = β·x`, which never overflows.
 * ∂/∂x = σ(β·x), or 1 above the threshold.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Softplus.html
 */
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  if (beta === 0 || !Number.isFinite(beta)) {
    throw new ArgumentError(
      'softplus',
      `beta must be a finite nonzero number, got ${beta}`,
      'use beta = 1 for the standard softplus',
    )
  }
  return elementwiseUnary(
    'softplus',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) {
        const s = v[i]!
        const z = beta * s
        out[i] = z > threshold ? s : (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)))) / beta
      }
    },
    (g, v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) {
        const z = beta * v[i]!
        dx[i] = z > threshold ? g[i]! : g[i]! * sigmoidScalar(z)
      }
    },
  )
}
