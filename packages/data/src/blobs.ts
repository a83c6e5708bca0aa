import { ArgumentError, Generator, normal, Tensor, uniform } from '@knack/core'
import { TensorDataset } from './tensor-dataset'

/** Options of {@link blobs}. */
export interface BlobsOptions {
  /** Number of clusters, one class each (default 3). */
  centers?: number
  pointsPerCenter?: number
  /** Dimension of the points (default 2). */
  dim?: number
  /** Standard deviation of each cluster (default 1). */
  std?: number
  /** Centers are drawn uniformly from [−spread, spread]^dim (default 5). */
  spread?: number
  seed?: number
}

/** Isotropic Gaussian clusters, one class per cluster (like scikit-learn's `make_blobs`). */
export function blobs(options: BlobsOptions = {}): TensorDataset {
  const { centers = 3, pointsPerCenter = 100, dim = 2, std = 1, spread = 5, seed = 0 } = options
  if (centers < 1 || pointsPerCenter < 1 || dim < 1 || std < 0) {
    throw new ArgumentError('blobs', 'centers, pointsPerCenter and dim must be ≥ 1 and std ≥ 0')
  }
  const generator = new Generator(seed)
  const means = Array.from({ length: centers * dim }, () => uniform(-spread, spread, generator))
  const n = centers * pointsPerCenter
  const x = new Float32Array(n * dim)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / pointsPerCenter)
    labels[i] = c
    for (let d = 0; d < dim; d++) x[i * dim + d] = means[c * dim + d]! + normal(0, std, generator)
  }
  return new TensorDataset(new Tensor(x, [n, dim]), new Tensor(labels, [n]))
}
