import { requireFinite, requireNonNegative } from './checks'
import { type Initializer, makeInitializer } from './initializer'

/**
 * Normal initialization N(mean, std²), as `torch.nn.init.normal_` (default N(0, 1)).
 * @see https://pytorch.org/docs/stable/nn.init.html#torch.nn.init.normal_
 */
export function normal(mean = 0, std = 1): Initializer {
  requireFinite('normal', 'mean', mean)
  requireNonNegative('normal', 'std', std)
  return makeInitializer(`normal(${mean}, ${std})`, () => ({ kind: 'normal', mean, std }))
}
