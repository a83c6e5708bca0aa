import { calculateGain, type Nonlinearity } from './calculate-gain'
import { requireFinite } from './checks'
import { type FanMode, fanOf } from './fans'
import { formatOptions, type Initializer, makeInitializer } from './initializer'

/** Options of {@link kaimingUniform} and {@link kaimingNormal}, as in PyTorch. */
export interface KaimingOptions {
  /** Negative slope of the leaky ReLU that follows (used with `'leaky_relu'`; default 0). */
  a?: number
  /** `'fanIn'` keeps forward activations' variance, `'fanOut'` backward gradients' (default `'fanIn'`). */
  mode?: FanMode
  /** The nonlinearity that follows, for {@link calculateGain} (default `'leaky_relu'`). */
  nonlinearity?: Nonlinearity
}

function kaimingStd(op: string, options: KaimingOptions) {
  const { a = 0, mode = 'fanIn', nonlinearity = 'leaky_relu' } = options
  requireFinite(op, 'a', a)
  const gain = calculateGain(nonlinearity, a)
  const label = `${op}(${formatOptions({ a, mode, nonlinearity })})`
  return { label, std: (shape: readonly number[]) => gain / Math.sqrt(fanOf(shape, mode)) }
}

/**
 * Kaiming (He) uniform, as `torch.nn.init.kaiming_uniform_`: U(±b) with
 * `b = gain · √(3 / fan)`, `gain = calculateGain(nonlinearity, a)`, `fan` by `mode`.
 * With the defaults (`a = 0`, leaky_relu) the gain is √2, as for ReLU.
 * @see K. He et al., Delving Deep into Rectifiers, https://arxiv.org/abs/1502.01852
 */
export function kaimingUniform(options: KaimingOptions = {}): Initializer {
  const { label, std } = kaimingStd('kaimingUniform', options)
  return makeInitializer(label, (shape) => {
    const bound = Math.sqrt(3) * std(shape)
    return { kind: 'uniform', low: -bound, high: bound }
  })
}

/**
 * Kaiming (He) normal, as `torch.nn.init.kaiming_normal_`: N(0, std²) with
 * `std = gain / √fan`, `gain = calculateGain(nonlinearity, a)`, `fan` by `mode`.
 * @see K. He et al., Delving Deep into Rectifiers, https://arxiv.org/abs/1502.01852
 */
export function kaimingNormal(options: KaimingOptions = {}): Initializer {
  const { label, std } = kaimingStd('kaimingNormal', options)
  return makeInitializer(label, (shape) => ({ kind: 'normal', mean: 0, std: std(shape) }))
}
