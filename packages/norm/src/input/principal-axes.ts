import {
  ArgumentError,
  add,
  div,
  eye,
  formatShape,
  full,
  matmul,
  mul,
  narrow,
  reshape,
  ShapeError,
  sub,
  Tensor,
  transpose,
  zeros,
} from '@knack/core'
import { checkFloat } from '../functional/check-param'
import { symmetricEigen } from '../linalg/symmetric-eigen'
import { InputTransform } from './input-transform'

/**
 * The base of {@link PCA} and {@link ZCAWhitening}: fits the mean μ and the eigendecomposition
 * of the sample covariance `Σ = Xcᵀ·Xc / (N − 1)` of `[N, …]` inputs flattened to
 * `numFeatures` values, in float64 with a Jacobi eigen-solver. Buffers: `mean` `[D]`,
 * `components` `[D, D]` (row i is the i-th principal axis, by decreasing variance, signed so
 * that its largest entry is positive) and `explained_variance` `[D]` (the eigenvalues λ).
 */
export abstract class PrincipalAxesTransform extends InputTransform {
  /** Number of features D of a flattened input. */
  readonly numFeatures: number
  /** Added to the variances before whitening divides by their square roots. */
  readonly eps: number
  /** Fitted mean of each feature. */
  declare mean: Tensor
  /** Principal axes as rows, by decreasing variance. */
  declare components: Tensor
  /** Variance along each principal axis (the covariance eigenvalues), decreasing. */
  declare explained_variance: Tensor

  constructor(op: string, numFeatures: number, eps: number) {
    super()
    if (!Number.isInteger(numFeatures) || numFeatures < 1) {
      throw new ArgumentError(
        op,
        `numFeatures must be a positive integer, got ${numFeatures}`,
        'pass the number of values of one sample (e.g. 784 for 28×28 images)',
      )
    }
    if (!(eps >= 0)) throw new ArgumentError(op, `eps must be non-negative, got ${eps}`)
    this.numFeatures = numFeatures
    this.eps = eps
    this.registerBuffer('mean', zeros([numFeatures]))
    this.registerBuffer('components', eye(numFeatures))
    this.registerBuffer('explained_variance', full([numFeatures], 1))
  }

  /** `x` as `[N, D]`, checked. */
  protected flat(op: string, x: Tensor): Tensor {
    checkFloat(op, 'the input', x)
    const n = x.shape[0] ?? 0
    if (x.ndim < 2 || x.size !== n * this.numFeatures) {
      throw new ShapeError(
        op,
        `expected [N, …] samples of ${this.numFeatures} values each, got ${formatShape(x.shape)}`,
        'batch dimension first; the remaining dimensions must hold numFeatures values',
      )
    }
    return x.ndim === 2 ? x : reshape(x, [n, this.numFeatures])
  }

  /** Fits the mean, principal axes and variances to `x` (`[N, …]`, N ≥ 2). */
  fit(x: Tensor): this {
    const op = `${this.constructor.name}.fit`
    const flat = this.flat(op, x)
    const n = flat.shape[0]!
    const d = this.numFeatures
    if (n < 2) {
      throw new ArgumentError(
        op,
        `a covariance needs at least 2 samples, got ${n}`,
        'fit on more data',
      )
    }
    const src = flat.data
    const mean = new Float64Array(d)
    for (let s = 0; s < n; s++) for (let j = 0; j < d; j++) mean[j]! += src[s * d + j]!
    for (let j = 0; j < d; j++) mean[j]! /= n
    const cov = new Float64Array(d * d)
    const row = new Float64Array(d)
    for (let s = 0; s < n; s++) {
      for (let j = 0; j < d; j++) row[j] = src[s * d + j]! - mean[j]!
      for (let i = 0; i < d; i++) {
        const ri = row[i]!
        if (ri === 0) continue
        const base = i * d
        for (let j = i; j < d; j++) cov[base + j]! += ri * row[j]!
      }
    }
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        const c = cov[i * d + j]! / (n - 1)
        cov[i * d + j] = c
        cov[j * d + i] = c
      }
    }
    const { values, vectors } = symmetricEigen(cov, d)
    for (let i = 0; i < d; i++) {
      let peak = 0
      for (let j = 0; j < d; j++) {
        if (Math.abs(vectors[i * d + j]!) > Math.abs(peak)) peak = vectors[i * d + j]!
      }
      if (peak < 0) for (let j = 0; j < d; j++) vectors[i * d + j] = -vectors[i * d + j]!
    }
    this.mean.data.set(mean)
    this.components.data.set(vectors)
    for (let i = 0; i < d; i++) this.explained_variance.data[i] = Math.max(values[i]!, 0)
    this.markFitted(n)
    return this
  }

  /** `√(λᵢ + ε)` of the first `k` axes, as `[k]`. */
  #spread(k: number): Tensor {
    const out = new Float32Array(k)
    for (let i = 0; i < k; i++) out[i] = Math.sqrt(this.explained_variance.data[i]! + this.eps)
    return new Tensor(out, [k])
  }

  /**
   * Coordinates of `flat` (`[N, D]`) on the first `k` axes, `(x − μ)·U_kᵀ`, divided by
   * `√(λ + ε)` when `whiten`.
   */
  protected project(flat: Tensor, k: number, whiten: boolean): Tensor {
    const axes = narrow(this.components, 0, 0, k)
    const coords = matmul(sub(flat, this.mean), transpose(axes, 0, 1))
    return whiten ? div(coords, this.#spread(k)) : coords
  }

  /** The inverse of {@link PrincipalAxesTransform.project}: `[N, k]` coordinates to `[N, D]`. */
  protected unproject(coords: Tensor, k: number, whiten: boolean): Tensor {
    const axes = narrow(this.components, 0, 0, k)
    const scaled = whiten ? mul(coords, this.#spread(k)) : coords
    return add(matmul(scaled, axes), this.mean)
  }
}
