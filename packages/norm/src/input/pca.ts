import { ArgumentError, formatShape, full, ShapeError, Tensor } from '@knack/core'
import { PrincipalAxesTransform } from './principal-axes'

/** Options of {@link PCA}. */
export interface PCAOptions {
  /** Keep this many components (default: all, unless `varianceShare` is given). */
  nComponents?: number
  /** Keep the fewest leading components whose variance share reaches this value, in (0, 1]. */
  varianceShare?: number
  /** Divide each kept coordinate by `√(λ + eps)`, giving unit variance: PCA whitening (default false). */
  whiten?: boolean
  /** Added to the variances before whitening (default 1e-5). */
  eps?: number
}

/**
 * Principal component analysis fitted on data: `y = (x − μ)·U_kᵀ` maps `[N, …]` inputs of
 * `numFeatures` values to their coordinates `[N, k]` on the `k` leading eigenvectors of the
 * training covariance (kept by count or by variance share); with `whiten`,
 * `y = (x − μ)·U_kᵀ·diag(1/√(λ + ε))` has (nearly) identity covariance on the training data.
 * Inverse: `x̂ = y·U_k + μ` (times `√(λ + ε)` first when whitening), exact when all components
 * are kept. Buffers of {@link PrincipalAxesTransform} plus `n_components` (int32).
 * @see K. Pearson, "On Lines and Planes of Closest Fit to Systems of Points in Space", 1901
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.decomposition.PCA.html
 */
export class PCA extends PrincipalAxesTransform {
  /** Whether the coordinates are scaled to unit variance. */
  readonly whiten: boolean
  readonly #requested: number | undefined
  readonly #share: number | undefined
  /** Number of kept components k (int32 scalar), chosen at fit. */
  declare n_components: Tensor

  constructor(numFeatures: number, options: PCAOptions = {}) {
    const { nComponents, varianceShare, whiten = false, eps = 1e-5 } = options
    super('PCA', numFeatures, eps)
    if (nComponents !== undefined && varianceShare !== undefined) {
      throw new ArgumentError(
        'PCA',
        `give nComponents (${nComponents}) or varianceShare (${varianceShare}), not both`,
      )
    }
    if (
      nComponents !== undefined &&
      (!Number.isInteger(nComponents) || nComponents < 1 || nComponents > numFeatures)
    ) {
      throw new ArgumentError(
        'PCA',
        `nComponents must be an integer in [1, ${numFeatures}], got ${nComponents}`,
      )
    }
    if (varianceShare !== undefined && !(varianceShare > 0 && varianceShare <= 1)) {
      throw new ArgumentError(
        'PCA',
        `varianceShare must be in (0, 1], got ${varianceShare}`,
        'e.g. 0.95 keeps 95% of the variance',
      )
    }
    this.whiten = whiten
    this.#requested = nComponents
    this.#share = varianceShare
    this.registerBuffer('n_components', full([], nComponents ?? numFeatures, { dtype: 'int32' }))
  }

  /** The number of kept components k. */
  get nComponents(): number {
    return this.n_components.data[0]!
  }

  /** Share of the total variance along each kept component, `λᵢ / Σλ`, as `[k]`. */
  get explainedVarianceRatio(): Tensor {
    const lambda = this.explained_variance.data
    const total = this.#totalVariance()
    const k = this.nComponents
    const out = new Float32Array(k)
    for (let i = 0; i < k; i++) out[i] = total > 0 ? lambda[i]! / total : 0
    return new Tensor(out, [k])
  }

  /** Σλ, the total variance of the training data. */
  #totalVariance(): number {
    let total = 0
    for (const v of this.explained_variance.data) total += v
    return total
  }

  /** Fits the principal axes to `x` and chooses the number of components. */
  override fit(x: Tensor): this {
    super.fit(x)
    let k = this.#requested ?? this.numFeatures
    if (this.#share !== undefined) {
      const lambda = this.explained_variance.data
      const target = this.#share * this.#totalVariance()
      let running = lambda[0]!
      k = 1
      while (k < lambda.length && running < target) running += lambda[k++]!
    }
    this.n_components.data[0] = k
    return this
  }

  /** `[N, …]` inputs to `[N, k]` principal coordinates (whitened with `whiten`). */
  transform(x: Tensor): Tensor {
    this.checkFitted('transform', x)
    return this.project(this.flat('PCA.transform', x), this.nComponents, this.whiten)
  }

  /** `[N, k]` principal coordinates back to `[N, numFeatures]` inputs. */
  inverseTransform(y: Tensor): Tensor {
    this.checkFitted('inverseTransform', y)
    const k = this.nComponents
    if (y.ndim !== 2 || y.shape[1] !== k) {
      throw new ShapeError(
        'PCA.inverseTransform',
        `expected [N, ${k}] coordinates, got ${formatShape(y.shape)}`,
        'pass the output of transform',
      )
    }
    return this.unproject(y, k, this.whiten)
  }
}
