import { describe, expect, it } from 'vitest'
import { orthonormalFactor } from './qr'

function matrix(m: number, n: number, seed: number): Float64Array {
  const a = new Float64Array(m * n)
  let s = seed
  for (let i = 0; i < a.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648
    a[i] = s / 2147483648 - 0.5
  }
  return a
}

describe('orthonormalFactor (Householder QR)', () => {
  it.each([
    [5, 5],
    [7, 3],
    [40, 12],
  ])(
    'gives orthonormal columns with A = QR, R upper triangular with a positive diagonal (%i×%i)',
    (m, n) => {
      const a = matrix(m, n, m * 31 + n)
      const q = orthonormalFactor(a, m, n)
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let qtq = 0
          let r = 0 // R = QᵀA
          for (let k = 0; k < m; k++) {
            qtq += q[k * n + i]! * q[k * n + j]!
            r += q[k * n + i]! * a[k * n + j]!
          }
          expect(Math.abs(qtq - (i === j ? 1 : 0))).toBeLessThan(1e-12)
          if (i > j) expect(Math.abs(r)).toBeLessThan(1e-12)
          if (i === j) expect(r).toBeGreaterThan(0)
        }
      }
      // A = QR: rebuild A from Q and R = QᵀA.
      for (let k = 0; k < m; k++) {
        for (let j = 0; j < n; j++) {
          let v = 0
          for (let i = 0; i < n; i++) {
            let r = 0
            for (let t = 0; t < m; t++) r += q[t * n + i]! * a[t * n + j]!
            v += q[k * n + i]! * r
          }
          expect(Math.abs(v - a[k * n + j]!)).toBeLessThan(1e-12)
        }
      }
    },
  )

  it('keeps orthonormal columns for a rank-deficient matrix', () => {
    const a = Float64Array.from([1, 1, 2, 2, 3, 3]) // 3×2, second column = first
    const q = orthonormalFactor(a, 3, 2)
    let norm1 = 0
    for (let k = 0; k < 3; k++) norm1 += q[k * 2 + 1]! ** 2
    expect(norm1).toBeCloseTo(1, 12)
  })
})
