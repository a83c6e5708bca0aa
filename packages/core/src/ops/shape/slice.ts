import { recordOp } from '../../autograd/graph'
import { allocate } from '../../dtype'
import { ArgumentError, ShapeError } from '../../errors'
import { normalizeDim, sizeOf, stridesOf } from '../../shape'
import { Tensor } from '../../tensor'
import { copyStrided } from './strided-copy'

function checkInteger(what: string, value: number, help: string): void {
  if (!Number.isInteger(value)) {
    throw new ArgumentError('slice', `${what} must be an integer, got ${value}`, help)
  }
}

/**
 * Takes `x[start:end:step]` along `dim` (a contiguous copy), like Python slicing: negative
 * `start`/`end` count from the end, both are clamped to the dimension, `end` defaults to its
 * size. ∂/∂x scatters the gradient back into zeros.
 */
export function slice(x: Tensor, dim: number, start: number, end?: number, step = 1): Tensor {
  if (x.ndim === 0) {
    throw new ShapeError('slice', 'cannot slice a 0-d tensor (shape [])', 'reshape it to [1] first')
  }
  const d = normalizeDim('slice', dim, x.ndim)
  checkInteger('start', start, 'pass an integer index')
  if (end !== undefined) checkInteger('end', end, 'pass an integer index, or omit it')
  checkInteger('step', step, 'pass a positive integer')
  if (step < 1) {
    throw new ArgumentError(
      'slice',
      `step must be positive, got ${step}`,
      'negative steps are not supported; select reversed positions with indexSelect',
    )
  }
  const n = x.shape[d]!
  const clamp = (i: number) => Math.min(Math.max(i < 0 ? i + n : i, 0), n)
  const lo = clamp(start)
  const hi = end === undefined ? n : clamp(end)
  const shape = [...x.shape]
  shape[d] = hi > lo ? Math.ceil((hi - lo) / step) : 0
  const strides = stridesOf(x.shape)
  const offset = lo * strides[d]!
  strides[d]! *= step
  const outStrides = stridesOf(shape)
  const out = allocate(x.dtype, sizeOf(shape))
  copyStrided(x.data, offset, strides, out, 0, outStrides, shape)
  return recordOp(new Tensor(out, shape), 'slice', [x], (g) => {
    const gx = new Float32Array(x.size)
    copyStrided(g.data, 0, outStrides, gx, offset, strides, shape)
    return [new Tensor(gx, x.shape)]
  })
}
