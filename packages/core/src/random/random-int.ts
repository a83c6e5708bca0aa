import { ArgumentError } from '../errors'
import { getDefaultGenerator } from './default-generator'
import type { Generator } from './generator'

const TWO_POW_32 = 4294967296

/**
 * A uniform integer in [low, high) without modulo bias, by bitmask rejection: draw
 * ⌈log₂(high − low)⌉ random bits and retry while the value is out of range (fewer than two
 * tries on average). Ranges up to 2⁵³ take two 32-bit draws per try.
 * @see M. E. O'Neill, "Efficiently generating a number in a range", 2018 ("bitmask with rejection"), https://www.pcg-random.org/posts/bounded-rands.html
 */
export function randomInt(low: number, high: number, generator?: Generator): number {
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || !(low < high)) {
    throw new ArgumentError(
      'randomInt',
      `expected safe integers with low < high, got low=${low}, high=${high}`,
      'high is exclusive: randomInt(0, 6) gives 0..5',
    )
  }
  const n = high - low
  if (!Number.isSafeInteger(n)) {
    throw new ArgumentError(
      'randomInt',
      `the range high − low = ${n} exceeds 2^53 − 1`,
      'use a narrower range',
    )
  }
  const g = generator ?? getDefaultGenerator()
  if (n <= TWO_POW_32) {
    const mask = n === 1 ? 0 : -1 >>> Math.clz32(n - 1)
    let v: number
    do v = (g.nextUint32() & mask) >>> 0
    while (v >= n)
    return low + v
  }
  const hiMask = -1 >>> Math.clz32(Math.floor((n - 1) / TWO_POW_32))
  let v: number
  do v = ((g.nextUint32() & hiMask) >>> 0) * TWO_POW_32 + g.nextUint32()
  while (v >= n)
  return low + v
}
