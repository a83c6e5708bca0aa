/**
 * The value of an IEEE 754 binary16 (half-precision) bit pattern: 1 sign bit, 5 exponent bits
 * (bias 15), 10 fraction bits; `(−1)^s · 2^(e−15) · (1 + f/1024)` for normal numbers,
 * `(−1)^s · 2^−14 · f/1024` for subnormals, ±Infinity and NaN at `e = 31`. Exact in float32.
 * @see IEEE 754-2008, §3.6
 */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exponent = (bits >>> 10) & 0x1f
  const fraction = bits & 0x3ff
  if (exponent === 0) return sign * fraction * 2 ** -24
  if (exponent === 31) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN
  return sign * (1024 + fraction) * 2 ** (exponent - 25)
}

const scratch = new Float32Array(1)
const scratchBits = new Uint32Array(scratch.buffer)

/**
 * The value of a bfloat16 bit pattern (the upper 16 bits of a float32): `bits << 16`
 * reinterpreted as float32, so the conversion is exact.
 * @see S. Wang, P. Kanwar, "BFloat16: The secret to high performance on Cloud TPUs", Google Cloud blog, 2019
 */
export function bfloat16ToNumber(bits: number): number {
  scratchBits[0] = (bits & 0xffff) << 16
  return scratch[0]!
}
