import { ArgumentError } from '@knack/core'
import { requireFinite } from './checks'
import { type Initializer, makeInitializer } from './initializer'

/**
 * Uniform initialization U(a, b), as `torch.nn.init.uniform_` (default U(0, 1)).
 * @see https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.uniform_
 */
export function uniform(a = 0, b = 1): Initializer {
  requireFinite('uniform', 'a', a)
  requireFinite('uniform', 'b', b)
  if (a > b) {
    throw new ArgumentError('uniform', `expected a <= b, got a=${a}, b=${b}`, 'swap the bounds')
  }
  return makeInitializer(`uniform(${a}, ${b})`, () => ({ kind: 'uniform', low: a, high: b }))
}
