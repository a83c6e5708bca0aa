import { DTypeError, recordOp, Tensor } from '@knack/core'

/**
 * `out[i] = x[i]·scale[b] + shift[b]` with `b = ⌊i / blockSize⌋`: one multiplier (and offset)
 * per contiguous run of `blockSize` elements, e.g. per element (dropout), per channel plane
 * (Dropout2d) or per sample (DropPath). ∂/∂x = g·scale[b]. The dropout family's one op.
 * @internal
 */
export function blockAffine(
  op: string,
  x: Tensor,
  scale: Float32Array,
  shift: Float32Array | null,
  blockSize: number,
): Tensor {
  if (x.dtype !== 'float32') {
    throw new DTypeError(op, `the input must be float32, got ${x.dtype}`, 'convert with .toFloat()')
  }
  const src = x.data
  const out = new Float32Array(src.length)
  const blocks = scale.length
  for (let b = 0, i = 0; b < blocks; b++) {
    const s = scale[b]!
    const t = shift === null ? 0 : shift[b]!
    const end = i + blockSize
    for (; i < end; i++) out[i] = src[i]! * s + t
  }
  return recordOp(new Tensor(out, x.shape), op, [x], (grad) => {
    const g = grad.data
    const dx = new Float32Array(g.length)
    for (let b = 0, i = 0; b < blocks; b++) {
      const s = scale[b]!
      const end = i + blockSize
      for (; i < end; i++) dx[i] = g[i]! * s
    }
    return [new Tensor(dx, x.shape)]
  })
}
