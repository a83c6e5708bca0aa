import { recordOp } from '../../autograd/graph'
import type { Tensor } from '../../tensor'
import { elementwiseBinary } from '../arithmetic/elementwise-binary'
import { sumToShape } from '../shape/sum-to-shape'

/**
 * `value` where `mask` is non-zero, `x` elsewhere; `mask` (a 0/1 tensor, as comparisons give)
 * broadcasts with `x`. ∂/∂x is the gradient with the filled positions zeroed.
 */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  const r = elementwiseBinary('maskedFill', x, mask, (v, m) => (m !== 0 ? value : v), x.dtype)
  return recordOp(r.out, 'maskedFill', [x], (g) => [sumToShape(maskedFill(g, mask, 0), x.shape)])
}
