import { recordOp } from '../../autograd/graph'
import type { Shape } from '../../shape'
import type { Tensor, TensorLike } from '../../tensor'
import { elementwiseBinary } from '../arithmetic/elementwise-binary'
import { weightedGrad } from './weighted-grad'

/**
 * `xʸ` with C's `pow` special cases, which PyTorch follows and JavaScript's `**` does not:
 * `1ʸ = 1` even for NaN `y`, and `(−1)^±∞ = 1`.
 * @internal
 */
export function powScalar(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1
  return x ** y
}

/**
 * Elementwise power `aᵇ` with broadcasting; either side may be a number (always float32).
 * ∂/∂a = b·a^(b−1) (0 where b = 0), ∂/∂b = aᵇ·ln a (0 where a = 0 and b ≥ 0), as in PyTorch.
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const r = elementwiseBinary('pow', a, b, powScalar, 'float32')
  return recordOp(r.out, 'pow', [r.a, r.b], (g) => {
    const chain = (local: (x: number, y: number) => number, shape: Shape) =>
      weightedGrad(g, elementwiseBinary('pow', r.a, r.b, local, 'float32').out.data, shape)
    return [
      r.a.requiresGrad ? chain((x, y) => (y === 0 ? 0 : y * powScalar(x, y - 1)), r.a.shape) : null,
      r.b.requiresGrad
        ? chain((x, y) => (x === 0 && y >= 0 ? 0 : powScalar(x, y) * Math.log(x)), r.b.shape)
        : null,
    ]
  })
}
