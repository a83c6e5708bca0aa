import { recordOp } from '../../autograd/graph'
import type { Tensor, TensorLike } from '../../tensor'
import { elementwiseBinary } from '../arithmetic/elementwise-binary'
import { weightedGrad } from './weighted-grad'

/**
 * Elementwise `min(a, b)` with broadcasting; NaN in either operand gives NaN. The gradient
 * goes to the smaller operand and is split half/half on ties, as in PyTorch.
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const r = elementwiseBinary('minimum', a, b, (x, y) => (x < y || Number.isNaN(x) ? x : y))
  return recordOp(r.out, 'minimum', [r.a, r.b], (g) => {
    const share = (x: number, y: number) => (x === y ? 0.5 : x > y ? 0 : 1)
    const weights = (p: Tensor, q: Tensor) =>
      elementwiseBinary('minimum', p, q, share, 'float32').out.data
    return [
      r.a.requiresGrad ? weightedGrad(g, weights(r.a, r.b), r.a.shape) : null,
      r.b.requiresGrad ? weightedGrad(g, weights(r.b, r.a), r.b.shape) : null,
    ]
  })
}
