import { ArgumentError } from '@knack/core'

/** Eigendecomposition `A = V·diag(λ)·Vᵀ` of a symmetric matrix, from {@link symmetricEigen}. */
export interface SymmetricEigen {
  /** Eigenvalues λ, in descending order. */
  values: Float64Array
  /** Orthonormal eigenvectors, row-major `[n, n]`: row `i` is the eigenvector of `values[i]`. */
  vectors: Float64Array
}

/** Options of {@link symmetricEigen}. */
export interface SymmetricEigenOptions {
  /** Most sweeps over all off-diagonal pairs before giving up (default 100). */
  maxSweeps?: number
}

/**
 * Eigenvalues and eigenvectors of a real symmetric `n × n` matrix (row-major) by the cyclic
 * Jacobi method in float64: sweep over the off-diagonal pairs `(p, q)`, zeroing each with the
 * rotation `t = sign(θ)/(|θ| + √(θ² + 1))`, `θ = (a_qq − a_pp)/(2a_pq)`, until the off-diagonal
 * part vanishes (quadratic convergence, typically under 10 sweeps), with eigenvalues
 * accurate to float64 rounding of the matrix norm. O(n³) work per sweep.
 * @see G. H. Golub, C. F. Van Loan, "Matrix Computations", 4th ed., §8.5 (the Jacobi method)
 */
export function symmetricEigen(
  matrix: ArrayLike<number>,
  n: number,
  options: SymmetricEigenOptions = {},
): SymmetricEigen {
  const { maxSweeps = 100 } = options
  if (!Number.isInteger(n) || n < 0 || matrix.length !== n * n) {
    throw new ArgumentError(
      'symmetricEigen',
      `expected ${n}×${n} = ${n * n} values for order ${n}, got ${matrix.length}`,
      'pass a square matrix in row-major order and its order n',
    )
  }
  const a = Float64Array.from(matrix)
  let scale = 0
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i]!)) {
      throw new ArgumentError(
        'symmetricEigen',
        `entry (${Math.floor(i / n)}, ${i % n}) is ${a[i]}`,
        'the matrix must hold finite values',
      )
    }
    scale = Math.max(scale, Math.abs(a[i]!))
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(a[i * n + j]! - a[j * n + i]!) > 1e-10 * scale) {
        throw new ArgumentError(
          'symmetricEigen',
          `the matrix is not symmetric: entry (${i}, ${j}) is ${a[i * n + j]} but (${j}, ${i}) is ${a[j * n + i]}`,
          'symmetrize it first, e.g. (A + Aᵀ)/2',
        )
      }
      a[j * n + i] = a[i * n + j]!
    }
  }

  // Row i of vt accumulates the rotations into the i-th eigenvector: A = vtᵀ·diag(a)·vt.
  const vt = new Float64Array(n * n)
  for (let i = 0; i < n; i++) vt[i * n + i] = 1
  let converged = false
  for (let sweep = 0; sweep < maxSweeps && !converged; sweep++) {
    let off = 0
    let offAbs = 0
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        off += a[p * n + q]! ** 2
        offAbs += Math.abs(a[p * n + q]!)
      }
    }
    if (off === 0) {
      converged = true
      break
    }
    // The first sweeps skip the entries that are already small (they are revisited later).
    const threshold = sweep < 3 ? (0.2 * offAbs) / (n * n) : 0
    for (let p = 0; p < n - 1; p++) {
      const rp = p * n
      for (let q = p + 1; q < n; q++) {
        const rq = q * n
        const apq = a[rp + q]!
        if (apq === 0 || Math.abs(apq) < threshold) continue
        const app = a[rp + p]!
        const aqq = a[rq + q]!
        // An off-diagonal entry below the rounding of both diagonal entries is zero already.
        if (
          sweep > 3 &&
          Math.abs(app) + 1e3 * Math.abs(apq) === Math.abs(app) &&
          Math.abs(aqq) + 1e3 * Math.abs(apq) === Math.abs(aqq)
        ) {
          a[rp + q] = 0
          a[rq + p] = 0
          continue
        }
        const theta = (aqq - app) / (2 * apq)
        const t =
          Math.abs(theta) > 1e150
            ? 1 / (2 * theta)
            : (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        // Rows p and q are columns p and q too (symmetry): read them contiguously, then write
        // both the rows and the columns. Entries (p,p), (q,q), (p,q) are set right after.
        for (let k = 0; k < n; k++) {
          const akp = a[rp + k]!
          const akq = a[rq + k]!
          const np = c * akp - s * akq
          const nq = s * akp + c * akq
          a[rp + k] = np
          a[rq + k] = nq
          a[k * n + p] = np
          a[k * n + q] = nq
        }
        a[rp + p] = app - t * apq
        a[rq + q] = aqq + t * apq
        a[rp + q] = 0
        a[rq + p] = 0
        for (let k = 0; k < n; k++) {
          const vpk = vt[rp + k]!
          const vqk = vt[rq + k]!
          vt[rp + k] = c * vpk - s * vqk
          vt[rq + k] = s * vpk + c * vqk
        }
      }
    }
  }
  if (!converged) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2
    if (off !== 0) {
      throw new ArgumentError(
        'symmetricEigen',
        `no convergence after ${maxSweeps} sweeps (off-diagonal norm ${Math.sqrt(off)})`,
        'raise maxSweeps',
      )
    }
  }

  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]!)
  const values = new Float64Array(n)
  const vectors = new Float64Array(n * n)
  order.forEach((col, row) => {
    values[row] = a[col * n + col]!
    vectors.set(vt.subarray(col * n, col * n + n), row * n)
  })
  return { values, vectors }
}
