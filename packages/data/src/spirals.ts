import { ArgumentError, Generator, normal, Tensor } from '@knack/core'
import { TensorDataset } from './tensor-dataset'

/** Options of {@link spirals}. */
export interface SpiralsOptions {
  /** Points per arm (default 100). */
  pointsPerClass?: number
  /** Number of arms, one class each (default 3). */
  classes?: number
  /** Standard deviation of the Gaussian noise added to the angle (default 0.2). */
  noise?: number
  seed?: number
}

/**
 * Interleaved spiral arms in the plane, a classic non-linearly separable toy task: point j of
 * arm c has radius r = j/(n−1) and angle θ = 4r + 2πc/C + noise, at (r·sin θ, r·cos θ).
 */
export function spirals(options: SpiralsOptions = {}): TensorDataset {
  const { pointsPerClass = 100, classes = 3, noise = 0.2, seed = 0 } = options
  if (pointsPerClass < 2 || classes < 2) {
    throw new ArgumentError('spirals', 'need at least 2 points per class and 2 classes')
  }
  const generator = new Generator(seed)
  const n = pointsPerClass * classes
  const xy = new Float32Array(n * 2)
  const labels = new Int32Array(n)
  for (let c = 0; c < classes; c++) {
    for (let j = 0; j < pointsPerClass; j++) {
      const i = c * pointsPerClass + j
      const r = j / (pointsPerClass - 1)
      const theta = 4 * r + (2 * Math.PI * c) / classes + normal(0, noise, generator)
      xy[2 * i] = r * Math.sin(theta)
      xy[2 * i + 1] = r * Math.cos(theta)
      labels[i] = c
    }
  }
  return new TensorDataset(new Tensor(xy, [n, 2]), new Tensor(labels, [n]))
}
