import { matmul, reshape, type Tensor, transpose } from '@knack/core'
import { PrincipalAxesTransform } from './principal-axes'

/** Options of {@link ZCAWhitening}. */
export interface ZCAWhiteningOptions {
  /** Added to the variances before dividing by their square roots (default 1e-5). */
  eps?: number
}

/**
 * ZCA (Mahalanobis) whitening fitted on data: `y = (x − μ)·W` with the symmetric
 * `W = U·diag(1/√(λ + ε))·Uᵀ = (Σ + εI)^(−1/2)`. The output keeps the input's shape and has
 * (nearly) identity covariance on the training data; of all whitening maps it is the one that
 * stays closest to the input (least mean squared change), so whitened images still look like
 * images. Inverse: `x = y·U·diag(√(λ + ε))·Uᵀ + μ`.
 * @see A. J. Bell, T. J. Sejnowski, "The 'independent components' of natural scenes are edge filters", Vision Research 37(23), 1997
 * @see A. Kessy, A. Lewin, K. Strimmer, "Optimal Whitening and Decorrelation", The American Statistician 72(4), 2018, https://arxiv.org/abs/1512.00809
 */
export class ZCAWhitening extends PrincipalAxesTransform {
  constructor(numFeatures: number, options: ZCAWhiteningOptions = {}) {
    super('ZCAWhitening', numFeatures, options.eps ?? 1e-5)
  }

  /** Whitens `[N, …]` inputs, keeping their shape. */
  transform(x: Tensor): Tensor {
    this.checkFitted('transform', x)
    const d = this.numFeatures
    const whitened = this.project(this.flat('ZCAWhitening.transform', x), d, true)
    return reshape(matmul(whitened, this.components), x.shape)
  }

  /** Maps whitened `[N, …]` data back to the input space, keeping its shape. */
  inverseTransform(y: Tensor): Tensor {
    this.checkFitted('inverseTransform', y)
    const flat = this.flat('ZCAWhitening.inverseTransform', y)
    const coords = matmul(flat, transpose(this.components, 0, 1))
    return reshape(this.unproject(coords, this.numFeatures, true), y.shape)
  }
}
