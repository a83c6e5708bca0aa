import type { Shape } from '../shape'
import type { Tensor } from '../tensor'
import { type TensorOptions, zeroTensor } from './tensor-options'

/** A new tensor of `shape` filled with ones (float32 unless `dtype` says int32). */
export function ones(shape: number | Shape, options: TensorOptions = {}): Tensor {
  return zeroTensor('ones', shape, options).fill_(1)
}

/** A new tensor of ones shaped like `like` (and of its dtype unless overridden). */
export function onesLike(like: Tensor, options: TensorOptions = {}): Tensor {
  return zeroTensor('onesLike', like.shape, { dtype: like.dtype, ...options }).fill_(1)
}
