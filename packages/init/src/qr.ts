/**
 * The orthonormal factor `Q` (`m × n`, `m ≥ n`) of the QR decomposition of a row-major `m × n`
 * matrix by Householder reflections, with each column's sign chosen so that `R` has a
 * non-negative diagonal (the unique QR of a full-rank matrix). Computed in float64.
 * @see G. H. Golub, C. F. Van Loan, Matrix Computations, §5.2 (Householder QR)
 * @internal
 */
export function orthonormalFactor(a: Float64Array, m: number, n: number): Float64Array {
  const r = Float64Array.from(a)
  const reflectors: Float64Array[] = []
  const signs = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    // The reflector v maps column k below the diagonal onto a multiple of e_k.
    const v = new Float64Array(m - k)
    let norm = 0
    for (let i = k; i < m; i++) norm += r[i * n + k]! * r[i * n + k]!
    norm = Math.sqrt(norm)
    const x0 = r[k * n + k]!
    const alpha = x0 > 0 ? -norm : norm
    for (let i = k; i < m; i++) v[i - k] = r[i * n + k]!
    v[0]! -= alpha
    let vv = 0
    for (let i = 0; i < v.length; i++) vv += v[i]! * v[i]!
    if (vv > 0) {
      const scale = 1 / Math.sqrt(vv)
      for (let i = 0; i < v.length; i++) v[i]! *= scale
      // R ← (I − 2vvᵀ)·R on rows k.., columns k..
      for (let j = k; j < n; j++) {
        let dot = 0
        for (let i = k; i < m; i++) dot += v[i - k]! * r[i * n + j]!
        for (let i = k; i < m; i++) r[i * n + j]! -= 2 * v[i - k]! * dot
      }
    } else {
      v.fill(0)
    }
    reflectors.push(v)
    signs[k] = r[k * n + k]! < 0 ? -1 : 1
  }
  // Q = H₀·H₁·…·H_{n−1} applied to the first n columns of the identity, last reflector first.
  const q = new Float64Array(m * n)
  for (let j = 0; j < n; j++) q[j * n + j] = 1
  for (let k = n - 1; k >= 0; k--) {
    const v = reflectors[k]!
    for (let j = 0; j < n; j++) {
      let dot = 0
      for (let i = k; i < m; i++) dot += v[i - k]! * q[i * n + j]!
      if (dot === 0) continue
      for (let i = k; i < m; i++) q[i * n + j]! -= 2 * v[i - k]! * dot
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) q[i * n + j]! *= signs[j]!
  return q
}
