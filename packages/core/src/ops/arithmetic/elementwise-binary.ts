import { allocate, type DType, promote } from '../../dtype'
import { broadcastShapes, type Shape, shapesEqual, sizeOf } from '../../shape'
import { asTensor, Tensor, type TensorLike } from '../../tensor'
import { broadcastStrides, walkBroadcast } from '../broadcast'

/**
 * Applies `fn` element by element over `a` and `b` broadcast together (NumPy rules).
 * The result is int32 only when `outDType` says so or both inputs are int32 and
 * `outDType` is `'promote'`. Does not record the graph: the calling op does.
 */
export function elementwiseBinary(
  op: string,
  a: TensorLike,
  b: TensorLike,
  fn: (x: number, y: number) => number,
  outDType: DType | 'promote' = 'promote',
): { out: Tensor; a: Tensor; b: Tensor } {
  const ta = asTensor(a)
  const tb = asTensor(b)
  const dtype = outDType === 'promote' ? promote(ta.dtype, tb.dtype) : outDType
  const shape: Shape = shapesEqual(ta.shape, tb.shape)
    ? ta.shape
    : broadcastShapes(op, ta.shape, tb.shape)
  const out = allocate(dtype, sizeOf(shape))
  const x = ta.data
  const y = tb.data
  if (x.length === out.length && y.length === out.length) {
    for (let i = 0; i < out.length; i++) out[i] = fn(x[i]!, y[i]!)
  } else if (y.length === 1 && x.length === out.length) {
    const s = y[0]!
    for (let i = 0; i < out.length; i++) out[i] = fn(x[i]!, s)
  } else if (x.length === 1 && y.length === out.length) {
    const s = x[0]!
    for (let i = 0; i < out.length; i++) out[i] = fn(s, y[i]!)
  } else {
    walkBroadcast(
      shape,
      broadcastStrides(ta.shape, shape),
      broadcastStrides(tb.shape, shape),
      (o, ia, ib, n, da, db) => {
        for (let k = 0; k < n; k++) out[o + k] = fn(x[ia + k * da]!, y[ib + k * db]!)
      },
    )
  }
  return { out: new Tensor(out, shape), a: ta, b: tb }
}
