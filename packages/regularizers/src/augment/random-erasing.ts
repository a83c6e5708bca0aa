import {
  ArgumentError,
  bernoulli,
  type Generator,
  randomInt,
  type Tensor,
  uniform,
} from '@knack/core'
import { checkFinite, checkProbability, imageDims, toRange } from './checks'
import { eraseBoxes } from './erase'
import { imageAugmentation } from './image-augmentation'
import type { Augmentation } from './types'

/** Options of {@link randomErasing}; defaults are torchvision's. */
export interface RandomErasingOptions {
  /** Probability that a sample gets a box (default 0.5). */
  p?: number
  /** Range of the box area as a fraction of the image area (default `[0.02, 0.33]`). */
  scale?: readonly [number, number]
  /** Range of the box aspect ratio height/width, sampled log-uniformly (default `[0.3, 3.3]`). */
  ratio?: readonly [number, number]
  /** Value written into the box, or `'random'` for standard normal noise per pixel (default 0). */
  value?: number | 'random'
}

/** How many box draws a sample gets before it is left as it is (torchvision's count). */
const ATTEMPTS = 10

/**
 * Random erasing (torchvision's `RandomErasing`, per sample): with probability p, a sample gets
 * one box of area `A·U(scale)` (A the image area) and aspect ratio `exp(U(ln r₀, ln r₁))`,
 * `h = round(√(area·ratio))`, `w = round(√(area/ratio))`, placed uniformly where it fits; up to
 * 10 draws are tried until `h < H` and `w < W`, else the sample is left as it is. Draws per
 * sample, in order: {@link bernoulli}, then per attempt the area and the ratio by
 * {@link uniform}, then the row and column by {@link randomInt}; with `'random'`, the noise of
 * all boxes follows, sample by sample.
 * @see Z. Zhong et al., "Random Erasing Data Augmentation", AAAI 2020, https://arxiv.org/abs/1708.04896
 */
export function randomErasing(options: RandomErasingOptions = {}): Augmentation {
  const op = 'randomErasing'
  const { p = 0.5, scale = [0.02, 0.33], ratio = [0.3, 3.3], value = 0 } = options
  checkProbability(op, 'p', p)
  const [a0, a1] = toRange(op, 'scale', scale)
  const [r0, r1] = toRange(op, 'ratio', ratio)
  if (!(a0 >= 0 && a1 <= 1)) {
    throw new ArgumentError(
      op,
      `scale must be area fractions within [0, 1], got ${JSON.stringify(scale)}`,
    )
  }
  if (!(r0 > 0)) {
    throw new ArgumentError(
      op,
      `ratio must be a range of aspect ratios > 0, got ${JSON.stringify(ratio)}`,
    )
  }
  if (value !== 'random') checkFinite(op, 'value', value)
  const logR0 = Math.log(r0)
  const logR1 = Math.log(r1)
  return imageAugmentation((images: Tensor, generator: Generator) => {
    const { n, h, w } = imageDims(op, images)
    const area = h * w
    const boxes = new Int32Array(4 * n)
    for (let s = 0; s < n; s++) {
      if (bernoulli(p, generator) === 0) continue
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const target = area * uniform(a0, a1, generator)
        const aspect = Math.exp(uniform(logR0, logR1, generator))
        const bh = Math.round(Math.sqrt(target * aspect))
        const bw = Math.round(Math.sqrt(target / aspect))
        if (!(bh < h && bw < w)) continue
        const top = randomInt(0, h - bh + 1, generator)
        const left = randomInt(0, w - bw + 1, generator)
        boxes.set([top, left, bh, bw], 4 * s)
        break
      }
    }
    return eraseBoxes(op, images, boxes, value, generator)
  })
}
