import { fanOf } from './fans'
import { type Initializer, makeInitializer } from './initializer'

/** Std of a standard normal truncated to [−2, 2]: dividing by it restores unit variance. */
const TRUNCATED_STD = 0.8796256610342398

/**
 * LeCun normal, as Keras defines it: a normal truncated at two standard deviations with
 * `std = √(1/fanIn) / 0.87962566`, so that the truncated samples have variance `1/fanIn`.
 * The initialization that self-normalizing (SELU) networks need.
 * @see Y. LeCun et al., Efficient BackProp, 1998
 * @see G. Klambauer et al., Self-Normalizing Neural Networks, https://arxiv.org/abs/1706.02515
 */
export function lecunNormal(): Initializer {
  return makeInitializer('lecunNormal', (shape) => {
    const std = Math.sqrt(1 / fanOf(shape, 'fanIn')) / TRUNCATED_STD
    return { kind: 'truncatedNormal', mean: 0, std, low: -2 * std, high: 2 * std }
  })
}

/**
 * LeCun uniform, as Keras defines it: U(±√(3/fanIn)), variance `1/fanIn`.
 * @see Y. LeCun et al., Efficient BackProp, 1998
 */
export function lecunUniform(): Initializer {
  return makeInitializer('lecunUniform', (shape) => {
    const bound = Math.sqrt(3 / fanOf(shape, 'fanIn'))
    return { kind: 'uniform', low: -bound, high: bound }
  })
}
