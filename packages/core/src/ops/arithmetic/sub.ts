import { recordOp } from '../../autograd/graph'
import type { Tensor, TensorLike } from '../../tensor'
import { sumToShape } from '../shape/sum-to-shape'
import { elementwiseBinary } from './elementwise-binary'
import { neg } from './neg'

/** Elementwise `a - b` with broadcasting. ∂/∂a = 1, ∂/∂b = -1. */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const r = elementwiseBinary('sub', a, b, (x, y) => x - y)
  return recordOp(r.out, 'sub', [r.a, r.b], (g) => [
    r.a.requiresGrad ? sumToShape(g, r.a.shape) : null,
    r.b.requiresGrad ? sumToShape(neg(g), r.b.shape) : null,
  ])
}
