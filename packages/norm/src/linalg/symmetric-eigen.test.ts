import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { symmetricEigen } from './symmetric-eigen'

/** A symmetric n×n matrix with entries from a fixed pseudo-random sequence. */
function symmetric(n: number, seed: number): Float64Array {
  const a = new Float64Array(n * n)
  let s = seed
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      s = (s * 16807) % 2147483647
      const v = (s / 2147483647) * 2 - 1
      a[i * n + j] = v
      a[j * n + i] = v
    }
  }
  return a
}

describe('symmetricEigen', () => {
  it('solves a 2×2 matrix exactly', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2)
    expect(Array.from(values)).toEqual([3, 1])
    const r = Math.SQRT1_2
    expect(Math.abs(vectors[0]!)).toBeCloseTo(r, 15)
    expect(vectors[0]! * vectors[1]!).toBeCloseTo(0.5, 15)
    expect(vectors[2]! * vectors[3]!).toBeCloseTo(-0.5, 15)
  })

  it.each([1, 3, 8, 25])(
    'reconstructs a random %i×%i matrix from orthonormal eigenvectors',
    (n) => {
      const a = symmetric(n, 12345 + n)
      const { values, vectors } = symmetricEigen(a, n)
      for (let i = 1; i < n; i++) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!)
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let dot = 0
          let rebuilt = 0
          for (let k = 0; k < n; k++) {
            dot += vectors[i * n + k]! * vectors[j * n + k]!
            rebuilt += vectors[k * n + i]! * values[k]! * vectors[k * n + j]!
          }
          expect(Math.abs(dot - (i === j ? 1 : 0))).toBeLessThan(1e-12)
          expect(Math.abs(rebuilt - a[i * n + j]!)).toBeLessThan(1e-12)
        }
      }
    },
  )

  it('finds the zero eigenvalues of a rank-one matrix', () => {
    const u = [1, -2, 3, 0.5]
    const a = new Float64Array(16)
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) a[i * 4 + j] = u[i]! * u[j]!
    const { values, vectors } = symmetricEigen(a, 4)
    expect(values[0]).toBeCloseTo(14.25, 12)
    for (let i = 1; i < 4; i++) expect(Math.abs(values[i]!)).toBeLessThan(1e-12)
    const norm = Math.sqrt(14.25)
    const sign = Math.sign(vectors[0]!)
    for (let k = 0; k < 4; k++) expect(vectors[k]! * sign).toBeCloseTo(u[k]! / norm, 12)
  })

  it('refuses a non-square, non-symmetric or non-finite matrix', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(ArgumentError)
    expect(() => symmetricEigen([1, 2, 3, 4], 2)).toThrow(/not symmetric/)
    expect(() => symmetricEigen([1, Number.NaN, Number.NaN, 1], 2)).toThrow(/finite/)
  })
})
