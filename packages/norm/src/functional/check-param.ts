import { DTypeError, formatShape, type Shape, ShapeError, type Tensor } from '@knack/core'

/** Throws unless `t` is float32 (normalization works on values, not labels). @internal */
export function checkFloat(op: string, what: string, t: Tensor): void {
  if (t.dtype !== 'float32') {
    throw new DTypeError(
      op,
      `${what} must be float32, got ${t.dtype} of shape ${formatShape(t.shape)}`,
      'convert with .toFloat()',
    )
  }
}

/**
 * Throws unless `param` (a weight, bias or running statistic of a normalization op) is float32
 * with exactly `shape`; `null` and `undefined` pass. @internal
 */
export function checkParam(
  op: string,
  what: string,
  param: Tensor | null | undefined,
  shape: Shape,
  input: Shape,
): void {
  if (param == null) return
  checkFloat(op, what, param)
  const ok = param.shape.length === shape.length && param.shape.every((d, i) => d === shape[i])
  if (!ok) {
    throw new ShapeError(
      op,
      `${what} has shape ${formatShape(param.shape)} but input ${formatShape(input)} needs ${formatShape(shape)}`,
      `pass a ${what} of shape ${formatShape(shape)}`,
    )
  }
}
