import { expectDType } from '../dtype'
import { uniform_ } from '../random/uniform'
import type { Shape } from '../shape'
import type { Tensor } from '../tensor'
import { type RandomOptions, zeroTensor } from './tensor-options'

/**
 * A new float32 tensor of `shape` with uniform samples in [0, 1), like `torch.rand`: each
 * value is {@link Generator.nextFloat} (24 random bits) of `options.generator` or the default
 * generator.
 */
export function rand(shape: number | Shape, options: RandomOptions = {}): Tensor {
  expectDType('rand', 'dtype', options.dtype ?? 'float32', 'float32')
  const t = zeroTensor('rand', shape, options)
  return uniform_(t, 0, 1, options.generator)
}

/** {@link rand} shaped like `like`, of its dtype unless overridden (which must be float32). */
export function randLike(like: Tensor, options: RandomOptions = {}): Tensor {
  return rand(like.shape, { dtype: like.dtype, ...options })
}
