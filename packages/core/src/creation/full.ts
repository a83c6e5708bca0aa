import { ArgumentError } from '../errors'
import type { Shape } from '../shape'
import type { Tensor } from '../tensor'
import { type TensorOptions, toInt32, zeroTensor } from './tensor-options'

function filled(op: string, shape: number | Shape, value: number, options: TensorOptions): Tensor {
  if (typeof value !== 'number') {
    throw new ArgumentError(op, `the fill value must be a number, got ${typeof value}`)
  }
  const fill = options.dtype === 'int32' ? toInt32(op, value) : value
  return zeroTensor(op, shape, options).fill_(fill)
}

/**
 * A new tensor of `shape` filled with `value` (float32 unless `dtype` says int32, in which
 * case the value is truncated toward zero).
 */
export function full(shape: number | Shape, value: number, options: TensorOptions = {}): Tensor {
  return filled('full', shape, value, options)
}

/** A new tensor shaped like `like` (and of its dtype unless overridden) filled with `value`. */
export function fullLike(like: Tensor, value: number, options: TensorOptions = {}): Tensor {
  return filled('fullLike', like.shape, value, { dtype: like.dtype, ...options })
}
