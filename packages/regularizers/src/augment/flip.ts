import { bernoulli, type Generator, Tensor } from '@knack/core'
import { checkProbability, imageDims } from './checks'
import { imageAugmentation } from './image-augmentation'
import type { Augmentation } from './types'

/** Options of {@link randomHorizontalFlip} and {@link randomVerticalFlip}. */
export interface RandomFlipOptions {
  /** Probability that a sample is flipped (default 0.5), decided per sample. */
  p?: number
}

/** Copies `images` with the samples where `flip[n]` is set mirrored along W or H. */
function flipSamples(op: string, images: Tensor, vertical: boolean, flip: Uint8Array | null) {
  const { n, c, h, w } = imageDims(op, images)
  const src = images.data as Float32Array
  const out = new Float32Array(src.length)
  const plane = h * w
  for (let s = 0; s < n; s++) {
    const base = s * c * plane
    if (flip !== null && flip[s] === 0) {
      out.set(src.subarray(base, base + c * plane), base)
      continue
    }
    for (let ch = 0; ch < c; ch++) {
      const p = base + ch * plane
      for (let y = 0; y < h; y++) {
        const row = p + y * w
        if (vertical) {
          const from = p + (h - 1 - y) * w
          out.set(src.subarray(from, from + w), row)
        } else {
          const last = row + w - 1
          for (let x = 0; x < w; x++) out[row + x] = src[last - x]!
        }
      }
    }
  }
  return new Tensor(out, images.shape)
}

/** Mirrors every image left to right: `out[n, c, y, x] = in[n, c, y, W − 1 − x]`. */
export function hflip(images: Tensor): Tensor {
  return flipSamples('hflip', images, false, null)
}

/** Mirrors every image top to bottom: `out[n, c, y, x] = in[n, c, H − 1 − y, x]`. */
export function vflip(images: Tensor): Tensor {
  return flipSamples('vflip', images, true, null)
}

function randomFlip(op: string, vertical: boolean, options: RandomFlipOptions): Augmentation {
  const { p = 0.5 } = options
  checkProbability(op, 'p', p)
  return imageAugmentation((images: Tensor, generator: Generator) => {
    const n = imageDims(op, images).n
    const flip = new Uint8Array(n)
    for (let s = 0; s < n; s++) flip[s] = bernoulli(p, generator)
    return flipSamples(op, images, vertical, flip)
  })
}

/**
 * Flips each sample left to right with probability `p`, independently (torchvision's
 * `RandomHorizontalFlip`, per sample). Draws one {@link bernoulli} per sample, in order.
 * @see https://pytorch.org/vision/stable/generated/torchvision.transforms.RandomHorizontalFlip.html
 */
export function randomHorizontalFlip(options: RandomFlipOptions = {}): Augmentation {
  return randomFlip('randomHorizontalFlip', false, options)
}

/**
 * Flips each sample top to bottom with probability `p`, independently (torchvision's
 * `RandomVerticalFlip`, per sample). Draws one {@link bernoulli} per sample, in order.
 * @see https://pytorch.org/vision/stable/generated/torchvision.transforms.RandomVerticalFlip.html
 */
export function randomVerticalFlip(options: RandomFlipOptions = {}): Augmentation {
  return randomFlip('randomVerticalFlip', true, options)
}
