import { expectDType } from '../dtype'
import { normal_ } from '../random/normal'
import type { Shape } from '../shape'
import type { Tensor } from '../tensor'
import { type RandomOptions, zeroTensor } from './tensor-options'

/**
 * A new float32 tensor of `shape` with standard normal samples, like `torch.randn`: each value
 * is {@link Generator.nextNormal} (Box–Muller with the spare cached in the generator) of
 * `options.generator` or the default generator.
 */
export function randn(shape: number | Shape, options: RandomOptions = {}): Tensor {
  expectDType('randn', 'dtype', options.dtype ?? 'float32', 'float32')
  const t = zeroTensor('randn', shape, options)
  return normal_(t, 0, 1, options.generator)
}

/** {@link randn} shaped like `like`, of its dtype unless overridden (which must be float32). */
export function randnLike(like: Tensor, options: RandomOptions = {}): Tensor {
  return randn(like.shape, { dtype: like.dtype, ...options })
}
