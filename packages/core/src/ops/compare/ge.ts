import type { Tensor, TensorLike } from '../../tensor'
import { elementwiseBinary } from '../arithmetic/elementwise-binary'

/** Elementwise `a ≥ b` with broadcasting, as a float32 mask of 0 and 1; no gradient. */
export function ge(a: TensorLike, b: TensorLike): Tensor {
  return elementwiseBinary('ge', a, b, (x, y) => (x >= y ? 1 : 0), 'float32').out
}
