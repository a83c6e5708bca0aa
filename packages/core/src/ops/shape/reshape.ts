import { recordOp } from '../../autograd/graph'
import { ArgumentError, ShapeError } from '../../errors'
import { formatShape, sizeOf } from '../../shape'
import { Tensor } from '../../tensor'

/** Resolves one `-1` entry of a requested shape from the element count. */
export function inferShape(op: string, size: number, shape: readonly number[]): number[] {
  const unknown = shape.indexOf(-1)
  if (unknown !== shape.lastIndexOf(-1)) {
    throw new ArgumentError(op, `at most one -1 is allowed, got ${formatShape(shape)}`)
  }
  const out = [...shape]
  if (unknown >= 0) {
    const known = sizeOf(shape.filter((_, i) => i !== unknown))
    if (known === 0 || size % known !== 0) {
      throw new ShapeError(op, `cannot infer -1 in ${formatShape(shape)} for ${size} elements`)
    }
    out[unknown] = size / known
  }
  if (sizeOf(out) !== size) {
    throw new ShapeError(
      op,
      `cannot reshape ${size} elements into ${formatShape(shape)} (${sizeOf(out)} elements)`,
      'the product of the new sizes must equal the number of elements',
    )
  }
  return out
}

/**
 * The same values in a new shape (one entry may be -1). Shares storage with `x`, like a
 * PyTorch view of a contiguous tensor.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape('reshape', x.size, shape)
  const out = new Tensor(x.data, target)
  return recordOp(out, 'reshape', [x], (g) => [reshape(g, x.shape)])
}
