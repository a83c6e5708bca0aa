import type { Tensor } from '../../tensor'
import { elementwiseUnary } from './elementwise-unary'

// erf(x) / x as a polynomial in x² on |x| < 2 (Chebyshev least-squares fit to erf computed
// at 40 digits, then converted to powers of x²; max error 2e-14).
const SMALL = [
  1.128379167095503, -0.3761263890307657, 0.11283791668916285, -0.026866170492579708,
  0.005223977027969987, -0.0008548312914688994, 0.00012055114996695673, -1.4923332240458346e-5,
  1.6444598992828813e-6, -1.6270032985586697e-7, 1.4424494678247747e-8, -1.1174719438097387e-9,
  7.068222044536655e-11, -3.1717998659894455e-12, 7.334698314021669e-14,
]
// erfc(x) · exp(x²) as a polynomial in 1/x on 2 ≤ x < 6 (same method; relative error 1e-14).
const LARGE = [
  1.4750848331690491e-7, 0.5641817583151637, 0.0001898958985032768, -0.28488539937589397,
  0.027676410430723962, 0.2281018845866903, 0.9979953008851704, -4.755341315937025,
  9.565683574700326, -11.696654118721952, 9.08301045880928, -4.169572292805047, 0.869135084961659,
]

function horner(coefficients: readonly number[], t: number): number {
  let v = 0
  for (let k = coefficients.length - 1; k >= 0; k--) v = v * t + coefficients[k]!
  return v
}

/**
 * The error function of one number, in float64 with absolute error below 1e-13:
 * `erf(x) = 2/√π ∫₀ˣ e^(−t²) dt`. Beyond |x| = 6, erf is ±1 to double precision.
 * @internal
 */
export function erfScalar(x: number): number {
  const a = Math.abs(x)
  if (a < 2) return x * horner(SMALL, x * x)
  if (a >= 6) return x > 0 ? 1 : -1
  const r = 1 - Math.exp(-a * a) * horner(LARGE, 1 / a)
  return x > 0 ? r : -r
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI)

/**
 * Elementwise Gauss error function `erf(x) = 2/√π ∫₀ˣ e^(−t²) dt`.
 * ∂/∂x = 2/√π · e^(−x²).
 * @see https://dlmf.nist.gov/7.2
 */
export function erf(x: Tensor): Tensor {
  return elementwiseUnary(
    'erf',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) out[i] = erfScalar(v[i]!)
    },
    (g, v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) {
        const s = v[i]!
        dx[i] = g[i]! * TWO_OVER_SQRT_PI * Math.exp(-s * s)
      }
    },
  )
}
