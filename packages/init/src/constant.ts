import { requireFinite } from './checks'
import { type Initializer, makeInitializer } from './initializer'

/**
 * Fills with one value, as `torch.nn.init.constant_`.
 * @see https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.constant_
 */
export function constant(value: number): Initializer {
  requireFinite('constant', 'value', value)
  return makeInitializer(`constant(${value})`, () => ({ kind: 'constant', value }))
}

/** Fills with zeros (biases; the last layer of a residual branch), as `torch.nn.init.zeros_`. */
export function zeros(): Initializer {
  return makeInitializer('zeros', () => ({ kind: 'constant', value: 0 }))
}

/** Fills with ones (normalization scales), as `torch.nn.init.ones_`. */
export function ones(): Initializer {
  return makeInitializer('ones', () => ({ kind: 'constant', value: 1 }))
}
