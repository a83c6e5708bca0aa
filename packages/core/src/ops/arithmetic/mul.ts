import { recordOp } from '../../autograd/graph'
import type { Tensor, TensorLike } from '../../tensor'
import { sumToShape } from '../shape/sum-to-shape'
import { elementwiseBinary } from './elementwise-binary'

/** Elementwise `a · b` with broadcasting. ∂/∂a = b, ∂/∂b = a. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const r = elementwiseBinary('mul', a, b, (x, y) => x * y)
  return recordOp(r.out, 'mul', [r.a, r.b], (g) => [
    r.a.requiresGrad ? sumToShape(mul(g, r.b), r.a.shape) : null,
    r.b.requiresGrad ? sumToShape(mul(g, r.a), r.b.shape) : null,
  ])
}
