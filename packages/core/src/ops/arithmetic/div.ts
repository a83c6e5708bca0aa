import { recordOp } from '../../autograd/graph'
import type { Tensor, TensorLike } from '../../tensor'
import { sumToShape } from '../shape/sum-to-shape'
import { elementwiseBinary } from './elementwise-binary'
import { mul } from './mul'
import { neg } from './neg'

/** Elementwise true division `a / b` (always float32). ∂/∂a = 1/b, ∂/∂b = -a/b². */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const r = elementwiseBinary('div', a, b, (x, y) => x / y, 'float32')
  return recordOp(r.out, 'div', [r.a, r.b], (g) => [
    r.a.requiresGrad ? sumToShape(div(g, r.b), r.a.shape) : null,
    r.b.requiresGrad ? sumToShape(neg(mul(g, div(r.out, r.b))), r.b.shape) : null,
  ])
}
