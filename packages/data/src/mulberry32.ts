/**
 * The mulberry32 generator (Tommy Ettinger's 32-bit mixing generator): returns a function
 * giving uniform floats in [0, 1) with 32 random bits. Used where an external specification
 * names it, such as the benchmark data shuffle and initial weights; Knack's own randomness
 * uses `Generator` (xoshiro128**) from `@knack/core`.
 */
export function mulberry32(seed: number): () => number {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
