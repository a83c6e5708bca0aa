import { recordOp } from '../../autograd/graph'
import { expectDType } from '../../dtype'
import { ArgumentError } from '../../errors'
import { normalizeDims } from '../../shape'
import { Tensor } from '../../tensor'
import { reductionIndex } from './reduce-layout'
import { reducedShape, sumOverDims } from './reduce-sum'

/** Options of {@link variance} and `std`. */
export interface VarianceOptions {
  /**
   * Subtracted from the element count in the divisor: 1 (default) is Bessel's unbiased
   * estimate, 0 the population variance.
   */
  correction?: number
  /** Keep the reduced dimensions as size 1 (default false). */
  keepdim?: boolean
}

/** Centered second moments of a reduction, shared by variance and std. @internal */
export interface Moments {
  /** Output shape (reduced dimensions dropped or kept as 1). */
  shape: number[]
  /** Output slot of each input element. */
  index: Int32Array
  /** Mean of each slot. */
  mean: Float64Array
  /** Variance of each slot: Σ(x − mean)² / max(0, n − correction). */
  variance: Float64Array
  /** The divisor max(0, n − correction). */
  divisor: number
}

/**
 * Two-pass (mean, then squared deviations) variance in float64 over `dim`. @internal
 */
export function moments(
  op: string,
  x: Tensor,
  dim: number | readonly number[] | undefined,
  options: VarianceOptions,
): Moments {
  const { correction = 1, keepdim = false } = options
  expectDType(op, 'input', x.dtype, 'float32')
  if (!Number.isFinite(correction)) {
    throw new ArgumentError(
      op,
      `correction must be a finite number, got ${correction}`,
      'use 0 or 1',
    )
  }
  const dims = normalizeDims(op, dim, x.ndim)
  let count = 1
  for (const d of dims) count *= x.shape[d] ?? 1
  const mean = sumOverDims(x, dims)
  for (let o = 0; o < mean.length; o++) mean[o]! /= count
  const index = reductionIndex(x.shape, dims)
  const squares = new Float64Array(mean.length)
  const src = x.data
  for (let i = 0; i < src.length; i++) {
    const o = index[i]!
    const dev = src[i]! - mean[o]!
    squares[o]! += dev * dev
  }
  const divisor = Math.max(0, count - correction)
  for (let o = 0; o < squares.length; o++) squares[o]! /= divisor
  return { shape: reducedShape(x.shape, dims, keepdim), index, mean, variance: squares, divisor }
}

/**
 * Variance over `dim` (one, several, or all dimensions when omitted), like `torch.var`:
 * `Σ(x − x̄)² / max(0, n − correction)`. ∂/∂x = 2(x − x̄) / max(0, n − correction).
 * @see https://pytorch.org/docs/stable/generated/torch.var.html
 */
export function variance(
  x: Tensor,
  dim?: number | readonly number[],
  options: VarianceOptions = {},
): Tensor {
  const m = moments('variance', x, dim, options)
  const out = new Tensor(Float32Array.from(m.variance), m.shape)
  return recordOp(out, 'variance', [x], (g) => {
    const src = x.data
    const gd = g.data
    const grad = new Float32Array(src.length)
    const scale = 2 / m.divisor
    for (let i = 0; i < src.length; i++) {
      const o = m.index[i]!
      grad[i] = gd[o]! * scale * (src[i]! - m.mean[o]!)
    }
    return [new Tensor(grad, x.shape)]
  })
}
