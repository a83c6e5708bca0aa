import { ArgumentError, type Generator, getDefaultGenerator } from '@knack/core'

/** Throws unless `p` is a drop probability in [0, 1]. @internal */
export function checkDropProbability(op: string, p: number): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new ArgumentError(
      op,
      `the drop probability p must be in [0, 1], got ${p}`,
      'pass e.g. 0.1 to drop 10% of the units',
    )
  }
}

/**
 * `count` independent draws, each 1 (keep) with probability `1 − p` and 0 (drop) with
 * probability `p`: a unit is dropped when a 32-bit draw `u` satisfies `u < p·2³²`, so p is
 * resolved to 2⁻³² and p = 0 / p = 1 are exact. Uses the default generator when none is given.
 * @internal
 */
export function keepMask(count: number, p: number, generator?: Generator): Uint8Array {
  const g = generator ?? getDefaultGenerator()
  const threshold = p * 4294967296
  const keep = new Uint8Array(count)
  for (let i = 0; i < count; i++) keep[i] = g.nextUint32() < threshold ? 0 : 1
  return keep
}

/**
 * Inverted-dropout multipliers: `1/(1 − p)` for a kept unit, 0 for a dropped one (all 0 when
 * p = 1), so that the expected output equals the input. @internal
 */
export function invertedScales(keep: Uint8Array, p: number): Float32Array {
  const kept = p < 1 ? 1 / (1 - p) : 0
  const scale = new Float32Array(keep.length)
  for (let i = 0; i < keep.length; i++) scale[i] = keep[i] === 1 ? kept : 0
  return scale
}
