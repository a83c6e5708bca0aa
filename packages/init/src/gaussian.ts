import { type FanMode, fanOf } from './fans'
import { formatOptions, type Initializer, makeInitializer } from './initializer'

/** Options of {@link gaussian}. */
export interface GaussianOptions {
  /** Which fan is `n` (default `'fanIn'`). */
  mode?: FanMode
}

/**
 * The classic scaled Gaussian N(0, 1/n), `n` the fan-in (or fan-out): each unit's
 * pre-activation then has about the variance of one input. Equals Kaiming with a linear gain.
 * @see Y. LeCun et al., Efficient BackProp, 1998
 */
export function gaussian(options: GaussianOptions = {}): Initializer {
  const { mode = 'fanIn' } = options
  return makeInitializer(`gaussian(${formatOptions({ mode })})`, (shape) => ({
    kind: 'normal',
    mean: 0,
    std: 1 / Math.sqrt(fanOf(shape, mode)),
  }))
}
