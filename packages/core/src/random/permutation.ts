import { ArgumentError } from '../errors'
import { getDefaultGenerator } from './default-generator'
import type { Generator } from './generator'
import { randomInt } from './random-int'

/**
 * A uniformly random permutation of `0 … n−1` (as `torch.randperm`), by the Fisher–Yates
 * shuffle: for `i` from `n−1` down to 1, swap element `i` with a uniform `j ∈ [0, i]`.
 * @see R. Durstenfeld, "Algorithm 235: Random permutation", CACM 7(7), 1964
 */
export function permutation(n: number, generator?: Generator): Int32Array {
  if (!Number.isInteger(n) || n < 0 || n > 2147483647) {
    throw new ArgumentError(
      'permutation',
      `n must be an integer in [0, 2^31 − 1], got ${n}`,
      'pass the number of items to shuffle',
    )
  }
  const g = generator ?? getDefaultGenerator()
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) out[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(0, i + 1, g)
    const t = out[i]!
    out[i] = out[j]!
    out[j] = t
  }
  return out
}
