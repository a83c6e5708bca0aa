import { recordOp } from '../../autograd/graph'
import { allocate, type Storage } from '../../dtype'
import { normalizeDims } from '../../shape'
import { Tensor } from '../../tensor'
import { checkNonEmptyReduction, reductionIndex } from './reduce-layout'
import { keptShape, reducedShape } from './reduce-sum'

/**
 * Gradient of max/min: each element equal to its slot's extreme gets `g / count`, where
 * `count` is the number of elements tied for that extreme (NaN results go to the NaN inputs).
 */
function spreadToExtremes(x: Tensor, values: Storage, index: Int32Array, g: Tensor): Tensor {
  const src = x.data
  const hit = new Uint8Array(src.length)
  const count = new Float64Array(values.length)
  for (let i = 0; i < src.length; i++) {
    const o = index[i]!
    const v = src[i]!
    const m = values[o]!
    if (v === m || (Number.isNaN(v) && Number.isNaN(m))) {
      hit[i] = 1
      count[o]!++
    }
  }
  const gd = g.data
  const grad = new Float32Array(src.length)
  for (let i = 0; i < src.length; i++) {
    if (hit[i] === 1) {
      const o = index[i]!
      grad[i] = gd[o]! / count[o]!
    }
  }
  return new Tensor(grad, x.shape)
}

function extreme(
  op: 'max' | 'min',
  x: Tensor,
  dim: number | readonly number[] | undefined,
  keepdim: boolean,
): Tensor {
  const dims = normalizeDims(op, dim, x.ndim)
  checkNonEmptyReduction(op, x.shape, dims)
  const index = reductionIndex(x.shape, dims)
  const kept = keptShape(x.shape, dims)
  let outSize = 1
  for (const d of kept) outSize *= d
  const acc = new Float64Array(outSize).fill(op === 'max' ? -Infinity : Infinity)
  const src = x.data
  if (op === 'max') {
    for (let i = 0; i < src.length; i++) {
      const o = index[i]!
      const v = src[i]!
      if (v > acc[o]! || Number.isNaN(v)) acc[o] = v
    }
  } else {
    for (let i = 0; i < src.length; i++) {
      const o = index[i]!
      const v = src[i]!
      if (v < acc[o]! || Number.isNaN(v)) acc[o] = v
    }
  }
  const values = allocate(x.dtype, outSize)
  values.set(acc)
  const out = new Tensor(values, reducedShape(x.shape, dims, keepdim))
  return recordOp(out, op, [x], (g) => [spreadToExtremes(x, values, index, g)])
}

/**
 * Largest value over `dim` (one, several, or all dimensions when omitted); NaN propagates.
 * Returns the values only (see {@link argmax} for the indices). Gradient: `g / k` to each of
 * the `k` elements tied for the maximum (an even split, like `torch.amax`), 0 elsewhere.
 * @see https://pytorch.org/docs/stable/generated/torch.amax.html
 */
export function max(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  return extreme('max', x, dim, keepdim)
}

/**
 * Smallest value over `dim` (one, several, or all dimensions when omitted); NaN propagates.
 * Returns the values only (see {@link argmin} for the indices). Gradient: `g / k` to each of
 * the `k` elements tied for the minimum (an even split, like `torch.amin`), 0 elsewhere.
 * @see https://pytorch.org/docs/stable/generated/torch.amin.html
 */
export function min(x: Tensor, dim?: number | readonly number[], keepdim = false): Tensor {
  return extreme('min', x, dim, keepdim)
}
