import { bernoulli, type Generator, randomInt, type Tensor } from '@knack/core'
import { checkFinite, checkInteger, checkProbability, imageDims } from './checks'
import { eraseBoxes } from './erase'
import { imageAugmentation } from './image-augmentation'
import type { Augmentation } from './types'

/** Options of {@link cutout}. */
export interface CutoutOptions {
  /** Side of the square box, or `[height, width]` of a rectangle, in pixels. */
  size: number | readonly [number, number]
  /** Value written into the box (default 0). */
  fill?: number
  /** Probability that a sample gets a box (default 1). */
  p?: number
}

/**
 * Cutout: erases one `size` box per sample, centred on a uniformly random pixel and clipped to
 * the image (so boxes near the border are smaller, as in the paper). The box of height h
 * centred on row y covers rows `[y − ⌊h/2⌋, y − ⌊h/2⌋ + h)`, likewise for columns. Draws per
 * sample, in order: {@link bernoulli} (only when p < 1), then the centre row and column by
 * {@link randomInt}.
 * @see T. DeVries, G. W. Taylor, "Improved Regularization of Convolutional Neural Networks with Cutout", 2017, https://arxiv.org/abs/1708.04552
 */
export function cutout(options: CutoutOptions): Augmentation {
  const op = 'cutout'
  const { size, fill = 0, p = 1 } = options
  const [bh, bw] = typeof size === 'number' ? [size, size] : [size[0], size[1]]
  checkInteger(op, 'box height', bh, 1)
  checkInteger(op, 'box width', bw, 1)
  checkFinite(op, 'fill', fill)
  checkProbability(op, 'p', p)
  return imageAugmentation((images: Tensor, generator: Generator) => {
    const { n, h, w } = imageDims(op, images)
    const boxes = new Int32Array(4 * n)
    for (let s = 0; s < n; s++) {
      if (p < 1 && bernoulli(p, generator) === 0) continue
      const cy = randomInt(0, h, generator)
      const cx = randomInt(0, w, generator)
      boxes.set([cy - Math.floor(bh / 2), cx - Math.floor(bw / 2), bh, bw], 4 * s)
    }
    return eraseBoxes(op, images, boxes, fill, null)
  })
}
