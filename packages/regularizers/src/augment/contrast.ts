import { ArgumentError, type Generator, Tensor, uniform } from '@knack/core'
import { imageDims, perItem, toRange } from './checks'
import { imageAugmentation } from './image-augmentation'
import type { Augmentation } from './types'

function scaleAroundMean(op: string, images: Tensor, factors: Float64Array): Tensor {
  const { n, c, h, w } = imageDims(op, images)
  const src = images.data as Float32Array
  const out = new Float32Array(src.length)
  const size = c * h * w
  for (let s = 0; s < n; s++) {
    const start = s * size
    const end = start + size
    let sum = 0
    for (let i = start; i < end; i++) sum += src[i]!
    const mean = sum / size
    const f = factors[s]!
    for (let i = start; i < end; i++) out[i] = mean + f * (src[i]! - mean)
  }
  return new Tensor(out, images.shape)
}

/**
 * Contrast change around each image's mean: `x' = m + f·(x − m)`, with m the mean over all
 * channels and pixels of the image (no clamping). `f = 1` is the identity, `f = 0` a flat image
 * at m. `factor` is one number for all samples or one per sample.
 * @see https://pytorch.org/vision/stable/generated/torchvision.transforms.functional.adjust_contrast.html
 */
export function adjustContrast(images: Tensor, factor: number | ArrayLike<number>): Tensor {
  const op = 'adjustContrast'
  const factors = perItem(op, 'factor', factor, imageDims(op, images).n, 'image')
  if (factors.some((f) => f < 0)) {
    throw new ArgumentError(
      op,
      `contrast factors must be >= 0, got ${Array.from(factors).join(', ')}`,
    )
  }
  return scaleAroundMean(op, images, factors)
}

/** Options of {@link randomContrast}. */
export interface RandomContrastOptions {
  /** Range of the factor f: `c` for `[max(0, 1 − c), 1 + c]` (as torchvision), or `[min, max]` with min >= 0. */
  factor: number | readonly [number, number]
}

/**
 * {@link adjustContrast} of each sample by its own `f ~ U(min, max)`, drawn per sample in order
 * by {@link uniform} (torchvision `ColorJitter(contrast=…)`'s factor, per sample).
 * @see https://pytorch.org/vision/stable/generated/torchvision.transforms.ColorJitter.html
 */
export function randomContrast(options: RandomContrastOptions): Augmentation {
  const op = 'randomContrast'
  const [low, high] = toRange(op, 'factor', options.factor, (c) => {
    if (c < 0) throw new ArgumentError(op, `factor must be >= 0 when given as one number, got ${c}`)
    return [Math.max(0, 1 - c), 1 + c]
  })
  if (low < 0)
    throw new ArgumentError(op, `the factor range must not go below 0, got [${low}, ${high}]`)
  return imageAugmentation((images: Tensor, generator: Generator) => {
    const n = imageDims(op, images).n
    const factors = new Float64Array(n)
    for (let s = 0; s < n; s++) factors[s] = uniform(low, high, generator)
    return scaleAroundMean(op, images, factors)
  })
}
