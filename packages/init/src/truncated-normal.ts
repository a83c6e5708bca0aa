import { ArgumentError } from '@knack/core'
import { requireFinite } from './checks'
import { type Initializer, makeInitializer } from './initializer'

/** Options of {@link truncatedNormal}. */
export interface TruncatedNormalOptions {
  /** Default 0. */
  mean?: number
  /** Std of the normal before truncation, > 0 (default 1). */
  std?: number
  /** Lower bound, an absolute value (default −2). */
  a?: number
  /** Upper bound, an absolute value (default 2). */
  b?: number
}

/**
 * N(mean, std²) conditioned on [a, b], with absolute bounds, as `torch.nn.init.trunc_normal_`
 * (defaults N(0, 1) on [−2, 2]); values are redrawn, never clipped.
 * @see https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.trunc_normal_
 */
export function truncatedNormal(options: TruncatedNormalOptions = {}): Initializer {
  const { mean = 0, std = 1, a = -2, b = 2 } = options
  for (const [name, v] of Object.entries({ mean, std, a, b })) {
    requireFinite('truncatedNormal', name, v)
  }
  if (!(std > 0) || !(a < b)) {
    throw new ArgumentError(
      'truncatedNormal',
      `expected std > 0 and a < b, got std=${std}, a=${a}, b=${b}`,
      'a and b are absolute bounds, e.g. { mean: 0, std: 0.02, a: -0.04, b: 0.04 }',
    )
  }
  return makeInitializer(`truncatedNormal(mean=${mean}, std=${std}, a=${a}, b=${b})`, () => ({
    kind: 'truncatedNormal',
    mean,
    std,
    low: a,
    high: b,
  }))
}
