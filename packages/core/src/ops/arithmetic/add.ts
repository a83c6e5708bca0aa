import { recordOp } from '../../autograd/graph'
import type { Tensor, TensorLike } from '../../tensor'
import { sumToShape } from '../shape/sum-to-shape'
import { elementwiseBinary } from './elementwise-binary'

/** Elementwise `a + b` with broadcasting. ∂/∂a = 1, ∂/∂b = 1. */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const r = elementwiseBinary('add', a, b, (x, y) => x + y)
  return recordOp(r.out, 'add', [r.a, r.b], (g) => [
    r.a.requiresGrad ? sumToShape(g, r.a.shape) : null,
    r.b.requiresGrad ? sumToShape(g, r.b.shape) : null,
  ])
}
