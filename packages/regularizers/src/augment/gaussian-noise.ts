import { ArgumentError, type Generator, Tensor } from '@knack/core'
import { checkFinite, imageDims } from './checks'
import { imageAugmentation } from './image-augmentation'
import type { Augmentation } from './types'

/** Options of {@link gaussianNoise}. */
export interface GaussianNoiseOptions {
  /** Standard deviation σ of the noise, >= 0. */
  std: number
  /** Mean μ of the noise (default 0). */
  mean?: number
}

/**
 * Adds independent Gaussian noise to every pixel: `x' = x + μ + σ·z`, `z ~ N(0, 1)` drawn by
 * {@link Generator.nextNormal} in storage order.
 * @see C. M. Bishop, "Training with noise is equivalent to Tikhonov regularization", Neural Computation 7(1), 1995
 */
export function gaussianNoise(options: GaussianNoiseOptions): Augmentation {
  const op = 'gaussianNoise'
  const { std, mean = 0 } = options
  checkFinite(op, 'std', std)
  checkFinite(op, 'mean', mean)
  if (std < 0) throw new ArgumentError(op, `std must be >= 0, got ${std}`)
  return imageAugmentation((images: Tensor, generator: Generator) => {
    imageDims(op, images)
    const src = images.data as Float32Array
    const out = new Float32Array(src.length)
    for (let i = 0; i < src.length; i++) out[i] = src[i]! + mean + std * generator.nextNormal()
    return new Tensor(out, images.shape)
  })
}
