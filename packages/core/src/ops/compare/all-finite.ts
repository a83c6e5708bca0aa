import { getBackend } from '../../backend/registry'
import type { Tensor } from '../../tensor'

/**
 * Whether every element is finite (no NaN, no ±Infinity), e.g. to skip an optimizer step on
 * overflowed gradients. Always true for int32; float32 runs on the active backend.
 */
export function allFinite(x: Tensor): boolean {
  if (x.dtype === 'int32') return true
  return getBackend().allFinite(x.data as Float32Array)
}
