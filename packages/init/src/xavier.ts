import { requireNonNegative } from './checks'
import { fans } from './fans'
import { formatOptions, type Initializer, makeInitializer } from './initializer'

/** Options of {@link xavierUniform} and {@link xavierNormal}. */
export interface XavierOptions {
  /** Scale factor, e.g. `calculateGain('tanh')` (default 1). */
  gain?: number
}

/**
 * Xavier (Glorot) uniform, as `torch.nn.init.xavier_uniform_`: U(±b) with
 * `b = gain · √(6 / (fanIn + fanOut))`, variance `gain² · 2 / (fanIn + fanOut)`.
 * @see X. Glorot, Y. Bengio, Understanding the difficulty of training deep feedforward neural networks, AISTATS 2010
 */
export function xavierUniform(options: XavierOptions = {}): Initializer {
  const { gain = 1 } = options
  requireNonNegative('xavierUniform', 'gain', gain)
  return makeInitializer(`xavierUniform(${formatOptions({ gain })})`, (shape) => {
    const { fanIn, fanOut } = fans(shape)
    const bound = gain * Math.sqrt(6 / (fanIn + fanOut))
    return { kind: 'uniform', low: -bound, high: bound }
  })
}

/**
 * Xavier (Glorot) normal, as `torch.nn.init.xavier_normal_`: N(0, std²) with
 * `std = gain · √(2 / (fanIn + fanOut))`.
 * @see X. Glorot, Y. Bengio, Understanding the difficulty of training deep feedforward neural networks, AISTATS 2010
 */
export function xavierNormal(options: XavierOptions = {}): Initializer {
  const { gain = 1 } = options
  requireNonNegative('xavierNormal', 'gain', gain)
  return makeInitializer(`xavierNormal(${formatOptions({ gain })})`, (shape) => {
    const { fanIn, fanOut } = fans(shape)
    return { kind: 'normal', mean: 0, std: gain * Math.sqrt(2 / (fanIn + fanOut)) }
  })
}
