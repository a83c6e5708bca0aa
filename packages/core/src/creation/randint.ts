import { ArgumentError } from '../errors'
import { getDefaultGenerator } from '../random/default-generator'
import { randomInt } from '../random/random-int'
import type { Shape } from '../shape'
import type { Tensor } from '../tensor'
import { type RandomOptions, zeroTensor } from './tensor-options'

/**
 * A new tensor of `shape` with uniform random integers in [low, high), like `torch.randint`
 * (int32 unless `dtype` says float32), drawn without modulo bias by {@link randomInt}.
 */
export function randint(
  low: number,
  high: number,
  shape: number | Shape,
  options: RandomOptions = {},
): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || !(low < high)) {
    throw new ArgumentError(
      'randint',
      `expected integers with low < high, got low=${low}, high=${high}`,
      'high is exclusive: randint(0, 10, shape) gives 0..9',
    )
  }
  if (low < -2147483648 || high > 2147483648) {
    throw new ArgumentError(
      'randint',
      `[${low}, ${high}) does not fit in int32`,
      'use bounds within [-2^31, 2^31]',
    )
  }
  const t = zeroTensor('randint', shape, { dtype: 'int32', ...options })
  const g = options.generator ?? getDefaultGenerator()
  const out = t.data
  for (let i = 0; i < out.length; i++) out[i] = randomInt(low, high, g)
  return t
}
