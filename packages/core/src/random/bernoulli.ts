import { ArgumentError } from '../errors'
import type { Tensor } from '../tensor'
import { getDefaultGenerator } from './default-generator'
import type { Generator } from './generator'

function threshold(op: string, p: number): number {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new ArgumentError(op, `p must be a probability in [0, 1], got ${p}`)
  }
  return p * 4294967296
}

/**
 * A Bernoulli(p) sample: 1 with probability p, else 0. Decided as `u < p·2³²` on one 32-bit
 * draw `u`, so p is resolved to 2⁻³² (exact for p = 0 and p = 1).
 */
export function bernoulli(p: number, generator?: Generator): number {
  const t = threshold('bernoulli', p)
  const g = generator ?? getDefaultGenerator()
  return g.nextUint32() < t ? 1 : 0
}

/**
 * Fills a tensor (float32 or int32) in place with Bernoulli(p) samples, 0 or 1 (as
 * `Tensor.bernoulli_(p)`), outside the graph; see {@link bernoulli}. Returns the tensor.
 */
export function bernoulli_(tensor: Tensor, p: number, generator?: Generator): Tensor {
  const t = threshold('bernoulli_', p)
  const g = generator ?? getDefaultGenerator()
  const out = tensor.data
  for (let i = 0; i < out.length; i++) out[i] = g.nextUint32() < t ? 1 : 0
  return tensor
}
