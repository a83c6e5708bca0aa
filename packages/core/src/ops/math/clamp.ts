import { ArgumentError } from '../../errors'
import type { Tensor } from '../../tensor'
import { elementwiseUnary } from './elementwise-unary'

/**
 * Elementwise `min(max(x, min), max)`; either bound may be left out (`clamp(x, undefined, 1)`).
 * When `min > max` every element becomes `max`, as in PyTorch. int32 stays int32 when the
 * bounds are integers. ∂/∂x = 1 where `min ≤ x ≤ max` (bounds included), 0 elsewhere.
 */
export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  if (min === undefined && max === undefined) {
    throw new ArgumentError('clamp', 'got neither min nor max', 'pass at least one bound')
  }
  if (Number.isNaN(min) || Number.isNaN(max)) {
    throw new ArgumentError('clamp', `bounds must not be NaN, got min ${min}, max ${max}`)
  }
  const lo = min ?? -Infinity
  const hi = max ?? Infinity
  const integral =
    (min === undefined || Number.isInteger(min)) && (max === undefined || Number.isInteger(max))
  return elementwiseUnary(
    'clamp',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) out[i] = Math.min(Math.max(v[i]!, lo), hi)
    },
    (g, v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) {
        const s = v[i]!
        dx[i] = s >= lo && s <= hi ? g[i]! : 0
      }
    },
    integral ? 'same' : 'float32',
  )
}
