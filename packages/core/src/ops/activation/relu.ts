import { getBackend } from '../../backend/registry'
import type { Tensor } from '../../tensor'
import { elementwiseUnary } from '../math/elementwise-unary'

/**
 * Rectified linear unit `max(0, x)` (NaN stays NaN; int32 stays int32).
 * ∂/∂x = 1 for x > 0, 0 for x ≤ 0 (PyTorch's choice at the kink). Float32 runs on the active
 * backend's `relu` kernels.
 * @see https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf
 */
export function relu(x: Tensor): Tensor {
  return elementwiseUnary(
    'relu',
    x,
    (v, out) => {
      if (v instanceof Float32Array) getBackend().relu(v, out as Float32Array)
      else for (let i = 0; i < v.length; i++) out[i] = Math.max(v[i]!, 0)
    },
    (g, _v, y, dx) => {
      if (y instanceof Float32Array) getBackend().reluBackward(g as Float32Array, y, dx)
      else for (let i = 0; i < dx.length; i++) dx[i] = y[i]! <= 0 ? 0 : g[i]!
    },
    'same',
  )
}
