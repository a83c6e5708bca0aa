import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { erf, erfScalar } from './erf'

/**
 * An independent float64 reference: the Maclaurin series below |x| = 2.5 and the classical
 * continued fraction of erfc above (both accurate to ~1e-14 there).
 */
function erfReference(x: number): number {
  const a = Math.abs(x)
  if (a < 2.5) {
    let term = a
    let total = a
    for (let n = 1; n < 80; n++) {
      term *= (-a * a) / n
      total += term / (2 * n + 1)
    }
    return (Math.sign(x) * 2 * total) / Math.sqrt(Math.PI)
  }
  let f = a
  for (let k = 300; k >= 1; k--) f = a + k / 2 / f
  const erfc = Math.exp(-a * a) / (Math.sqrt(Math.PI) * f)
  return Math.sign(x) * (1 - erfc)
}

describe('erf', () => {
  it('matches a series reference to 1e-13 on a dense grid, and float32 output to 1e-7', () => {
    const xs = Float32Array.from({ length: 16001 }, (_, i) => -8 + i / 1000)
    let worst = 0
    for (const x of xs) worst = Math.max(worst, Math.abs(erfScalar(x) - erfReference(x)))
    expect(worst).toBeLessThan(1e-13)
    const y = erf(new Tensor(xs, [xs.length]))
    let worst32 = 0
    xs.forEach((x, i) => {
      worst32 = Math.max(worst32, Math.abs(y.data[i]! - erfReference(x)))
    })
    expect(worst32).toBeLessThan(1e-7)
  })

  it('knows its landmarks: odd, 0 at 0, ±1 at ±Infinity, NaN for NaN', () => {
    expect(erfScalar(0)).toBe(0)
    expect(erfScalar(1)).toBeCloseTo(0.8427007929497149, 13)
    expect(erfScalar(-0.5)).toBe(-erfScalar(0.5))
    expect(erfScalar(3)).toBe(-erfScalar(-3))
    expect(erfScalar(Infinity)).toBe(1)
    expect(erfScalar(-Infinity)).toBe(-1)
    expect(erfScalar(Number.NaN)).toBeNaN()
  })

  it('has gradient 2/√π·e^(−x²) and passes gradCheck', () => {
    const x = new Tensor(Float32Array.of(0), [1], true)
    erf(x).sum().backward()
    expect(x.grad!.data[0]).toBeCloseTo(2 / Math.sqrt(Math.PI), 6)
    const z = new Tensor(Float32Array.of(-1.4, -0.3, 0.2, 0.8, 1.9, 2.6), [2, 3], true)
    expect(gradCheck(erf, [z]).ok).toBe(true)
  })
})
