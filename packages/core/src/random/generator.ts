import { ArgumentError, StateError } from '../errors'

/** PyTorch's default seed (`torch.initial_seed()` of a fresh process), used when none is given. */
const DEFAULT_SEED = 67280421310721

/** Weyl increment of the seeding sequence: 2³² divided by the golden ratio. */
const GOLDEN_GAMMA = 0x9e3779b9

const TWO_POW_32 = 4294967296
const TWO_POW_MINUS_24 = 1 / 16777216
const TWO_POW_MINUS_53 = 1 / 9007199254740992

/**
 * The full state of a {@link Generator} as plain JSON-able numbers, for checkpoints:
 * `JSON.parse(JSON.stringify(state))` restores to the same stream.
 */
export interface GeneratorState {
  /** Always `'xoshiro128**'`. */
  algorithm: 'xoshiro128**'
  /** The seed the generator was last seeded with (see {@link Generator.initialSeed}). */
  seed: number
  /** The four 32-bit state words, as unsigned integers. */
  state: [number, number, number, number]
  /** The cached second Box–Muller normal, or `null` (see {@link Generator.nextNormal}). */
  spareNormal: number | null
}

/** MurmurHash3's 32-bit finalizer: a bijection on 32-bit words with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

function checkSeed(op: string, seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new ArgumentError(
      op,
      `the seed must be a safe integer, got ${seed}`,
      'pass an integer between -(2^53 - 1) and 2^53 - 1',
    )
  }
}

/**
 * A seeded pseudo-random generator: xoshiro128** (Blackman & Vigna), 128 bits of state,
 * period 2¹²⁸ − 1, 32-bit integer arithmetic only, so a seed gives the same stream in every
 * JavaScript engine.
 *
 * Seeding (SplitMix-style): with the seed split into 32-bit words `lo` and `hi`,
 * `γ = 0x9E3779B9` and `f` MurmurHash3's fmix32 finalizer, the state is
 * `s0 = f((lo + γ) ^ f(hi + 3γ))`, `s1 = f((lo + 2γ) ^ f(hi + 4γ))`, `s2 = f((hi + 5γ) ^ s0)`,
 * `s3 = f((hi + 6γ) ^ s1)`, so every word (and the first output, which reads `s1`) depends on
 * the whole seed. `(s0, s2)` determine the seed, so distinct safe-integer seeds give distinct
 * states; the forbidden all-zero state is replaced by `s3 = 1`.
 *
 * @see D. Blackman, S. Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021, https://prng.di.unimi.it/
 * @see G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014
 */
export class Generator {
  private s0 = 0
  private s1 = 0
  private s2 = 0
  private s3 = 0
  private seed = 0
  private spareNormal: number | null = null

  /** A generator seeded with `seed` (default 67280421310721, PyTorch's default seed). */
  constructor(seed: number = DEFAULT_SEED) {
    this.manualSeed(seed)
  }

  /** Reseeds in place (any safe integer) and drops the cached normal; returns `this`. */
  manualSeed(seed: number): this {
    checkSeed('Generator.manualSeed', seed)
    const lo = seed >>> 0
    const hi = Math.floor(seed / TWO_POW_32) >>> 0
    const h0 = fmix32((hi + 3 * GOLDEN_GAMMA) | 0)
    const h1 = fmix32((hi + 4 * GOLDEN_GAMMA) | 0)
    this.s0 = fmix32(((lo + GOLDEN_GAMMA) | 0) ^ h0)
    this.s1 = fmix32(((lo + 2 * GOLDEN_GAMMA) | 0) ^ h1)
    this.s2 = fmix32(((hi + 5 * GOLDEN_GAMMA) | 0) ^ this.s0)
    this.s3 = fmix32(((hi + 6 * GOLDEN_GAMMA) | 0) ^ this.s1)
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s3 = 1
    this.seed = seed
    this.spareNormal = null
    return this
  }

  /** The seed this generator was last seeded with. */
  initialSeed(): number {
    return this.seed
  }

  /** The next 32 random bits, as an unsigned integer in [0, 2³²). */
  nextUint32(): number {
    const s0 = this.s0
    const s1 = this.s1
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
    const s2 = this.s2 ^ s0
    const s3 = this.s3 ^ s1
    this.s0 = s0 ^ s3
    this.s1 = s1 ^ s2
    this.s2 = s2 ^ (s1 << 9)
    this.s3 = rotl(s3, 11)
    return result
  }

  /**
   * A uniform float in [0, 1) with 24 random bits: `⌊u / 2⁸⌋ · 2⁻²⁴` for the next 32-bit `u`.
   * Every value is exactly representable in float32, and the largest is `1 − 2⁻²⁴`.
   */
  nextFloat(): number {
    return (this.nextUint32() >>> 8) * TWO_POW_MINUS_24
  }

  /** A uniform double in [0, 1) with 53 random bits (27 + 26 taken from two draws). */
  nextFloat64(): number {
    const a = this.nextUint32() >>> 5
    const b = this.nextUint32() >>> 6
    return (a * 67108864 + b) * TWO_POW_MINUS_53
  }

  /**
   * A standard normal sample by the Box–Muller transform: from uniforms `u₁ ∈ (0, 1]` and
   * `u₂ ∈ [0, 1)` (53 bits each), `r = √(−2 ln u₁)`, `z₀ = r cos 2πu₂`, `z₁ = r sin 2πu₂`.
   * `z₀` is returned and `z₁` is cached as the spare: the next call returns it without drawing.
   * The spare is part of {@link getState}, and {@link manualSeed}/{@link setState} replace it,
   * so a seed gives the same normals however the draws are split between calls. Bits are
   * identical within one JavaScript engine (`Math.log`/`Math.cos` are not specified to the ulp).
   * @see G. E. P. Box, M. E. Muller, "A note on the generation of random normal deviates", 1958
   */
  nextNormal(): number {
    const spare = this.spareNormal
    if (spare !== null) {
      this.spareNormal = null
      return spare
    }
    const u1 = 1 - this.nextFloat64()
    const theta = 2 * Math.PI * this.nextFloat64()
    const r = Math.sqrt(-2 * Math.log(u1))
    this.spareNormal = r * Math.sin(theta)
    return r * Math.cos(theta)
  }

  /** The full state as plain numbers, to store in a checkpoint. */
  getState(): GeneratorState {
    return {
      algorithm: 'xoshiro128**',
      seed: this.seed,
      state: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0],
      spareNormal: this.spareNormal,
    }
  }

  /** Restores a state from {@link getState}: the stream resumes exactly where it was. */
  setState(state: GeneratorState): this {
    const op = 'Generator.setState'
    const help = 'pass an object returned by Generator.getState()'
    if (typeof state !== 'object' || state === null) {
      throw new StateError(op, `expected a generator state object, got ${String(state)}`, help)
    }
    if (state.algorithm !== 'xoshiro128**') {
      throw new StateError(
        op,
        `the state is for algorithm ${JSON.stringify(state.algorithm)}, not 'xoshiro128**'`,
        help,
      )
    }
    if (!Number.isSafeInteger(state.seed)) {
      throw new StateError(op, `seed must be a safe integer, got ${state.seed}`, help)
    }
    const words = state.state
    if (
      !Array.isArray(words) ||
      words.length !== 4 ||
      !words.every((w) => Number.isInteger(w) && w >= 0 && w < TWO_POW_32)
    ) {
      throw new StateError(
        op,
        `state must be four unsigned 32-bit integers, got ${JSON.stringify(words)}`,
        help,
      )
    }
    if (words.every((w) => w === 0)) {
      throw new StateError(op, 'the all-zero state is not a valid xoshiro128** state', help)
    }
    const spare = state.spareNormal
    if (spare !== null && !(typeof spare === 'number' && Number.isFinite(spare))) {
      throw new StateError(
        op,
        `spareNormal must be a finite number or null, got ${String(spare)}`,
        help,
      )
    }
    this.s0 = words[0] | 0
    this.s1 = words[1] | 0
    this.s2 = words[2] | 0
    this.s3 = words[3] | 0
    this.seed = state.seed
    this.spareNormal = spare
    return this
  }

  /** An independent copy in the same state: both produce the same stream from here. */
  clone(): Generator {
    return new Generator(this.seed).setState(this.getState())
  }
}
