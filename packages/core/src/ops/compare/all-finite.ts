import type { Tensor } from '../../tensor'

/**
 * Whether every element is finite (no NaN, no ±Infinity), e.g. to skip an optimizer step on
 * overflowed gradients. Always true for int32.
 */
export function allFinite(x: Tensor): boolean {
  if (x.dtype === 'int32') return true
  const v = x.data
  // v − v is 0 for a finite value and NaN for NaN or ±Infinity.
  for (let i = 0; i < v.length; i++) if (v[i]! - v[i]! !== 0) return false
  return true
}
