import type { Shape } from '../shape'
import type { Tensor } from '../tensor'
import { type TensorOptions, zeroTensor } from './tensor-options'

/** A new tensor of `shape` filled with zeros (float32 unless `dtype` says int32). */
export function zeros(shape: number | Shape, options: TensorOptions = {}): Tensor {
  return zeroTensor('zeros', shape, options)
}

/** A new tensor of zeros shaped like `like` (and of its dtype unless overridden). */
export function zerosLike(like: Tensor, options: TensorOptions = {}): Tensor {
  return zeroTensor('zerosLike', like.shape, { dtype: like.dtype, ...options })
}
