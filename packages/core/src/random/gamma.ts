import { getDefaultGenerator } from './default-generator'
import type { Generator } from './generator'
import { requirePositive } from './param-checks'

/**
 * log of a Gamma(shape, 1) sample by Marsaglia–Tsang, for shape ≥ 1: with `d = shape − 1/3`,
 * `c = 1/√(9d)`, draw `x ~ N(0,1)`, `v = (1 + c·x)³` (retry if `1 + c·x ≤ 0`) and `u ~ U(0,1]`;
 * accept `d·v` when `u < 1 − 0.0331·x⁴` (squeeze) or `ln u < x²/2 + d·(1 − v + ln v)`.
 */
function logMarsagliaTsang(shape: number, g: Generator): number {
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    const x = g.nextNormal()
    const t = 1 + c * x
    if (t <= 0) continue
    const v = t * t * t
    const u = 1 - g.nextFloat64()
    const x2 = x * x
    if (u < 1 - 0.0331 * x2 * x2) return Math.log(d * v)
    const logV = Math.log(v)
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + logV)) return Math.log(d) + logV
  }
}

/**
 * The natural log of a Gamma(shape, 1) sample, finite even where the sample itself underflows
 * (tiny shapes). Below shape 1 it uses the boost `Gamma(k) = Gamma(k + 1) · U^(1/k)`.
 * @internal
 */
export function logStandardGamma(shape: number, g: Generator): number {
  if (shape >= 1) return logMarsagliaTsang(shape, g)
  const boost = logMarsagliaTsang(shape + 1, g)
  return boost + Math.log(1 - g.nextFloat64()) / shape
}

/**
 * A Gamma(shape k, scale θ) sample (mean kθ, variance kθ²) by Marsaglia–Tsang's squeeze
 * method, with `Gamma(k) = Gamma(k + 1) · U^(1/k)` for k < 1.
 * @see G. Marsaglia, W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000
 */
export function gamma(shape: number, scale = 1, generator?: Generator): number {
  requirePositive('gamma', 'shape', shape)
  requirePositive('gamma', 'scale', scale)
  return scale * Math.exp(logStandardGamma(shape, generator ?? getDefaultGenerator()))
}
