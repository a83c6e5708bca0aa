import { normalizeDim } from '../../shape'
import { Tensor } from '../../tensor'
import { checkNonEmptyReduction, dimLayout } from './reduce-layout'
import { reducedShape } from './reduce-sum'

function argExtreme(
  op: 'argmax' | 'argmin',
  x: Tensor,
  dim: number | undefined,
  keepdim: boolean,
): Tensor {
  const d = dim === undefined ? undefined : normalizeDim(op, dim, x.ndim)
  const dims = d === undefined ? x.shape.map((_, i) => i) : [d]
  checkNonEmptyReduction(op, x.shape, dims)
  // With no dim, the tensor is read as one flat row.
  const { outer, size, inner } =
    d === undefined ? { outer: 1, size: x.size, inner: 1 } : dimLayout(x.shape, d)
  const src = x.data
  const out = new Int32Array(outer * inner)
  const wantMax = op === 'argmax'
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i
      let best = src[base]!
      let at = 0
      for (let k = 1; k < size && !Number.isNaN(best); k++) {
        const v = src[base + k * inner]!
        if ((wantMax ? v > best : v < best) || Number.isNaN(v)) {
          best = v
          at = k
        }
      }
      out[o * inner + i] = at
    }
  }
  return new Tensor(out, reducedShape(x.shape, dims, keepdim))
}

/**
 * Index of the largest value along `dim` as int32; the index into the flattened tensor when
 * `dim` is omitted. Ties give the first index; a NaN counts as the largest value.
 * @see https://pytorch.org/docs/stable/generated/torch.argmax.html
 */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExtreme('argmax', x, dim, keepdim)
}

/**
 * Index of the smallest value along `dim` as int32; the index into the flattened tensor when
 * `dim` is omitted. Ties give the first index; a NaN counts as the smallest value.
 * @see https://pytorch.org/docs/stable/generated/torch.argmin.html
 */
export function argmin(x: Tensor, dim?: number, keepdim = false): Tensor {
  return argExtreme('argmin', x, dim, keepdim)
}
