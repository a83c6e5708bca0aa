import {
  ArgumentError,
  formatShape,
  type Generator,
  randomInt,
  ShapeError,
  Tensor,
} from '@knack/core'
import { checkFinite, checkInteger, imageDims } from './checks'
import { imageAugmentation } from './image-augmentation'
import type { Augmentation } from './types'

/**
 * Cuts an `height × width` window at (`tops[n]`, `lefts[n]`) out of each sample; positions
 * outside the image read `fill`.
 */
function cropSamples(
  op: string,
  images: Tensor,
  tops: Int32Array,
  lefts: Int32Array,
  height: number,
  width: number,
  fill: number,
): Tensor {
  const { n, c, h, w } = imageDims(op, images)
  const src = images.data as Float32Array
  const out = new Float32Array(n * c * height * width)
  const inPlane = h * w
  const outPlane = height * width
  for (let s = 0; s < n; s++) {
    const top = tops[s]!
    const left = lefts[s]!
    // Columns [x0, x1) of the window lie inside the image.
    const x0 = Math.min(Math.max(0, -left), width)
    const x1 = Math.max(x0, Math.min(width, w - left))
    for (let ch = 0; ch < c; ch++) {
      const srcPlane = (s * c + ch) * inPlane
      const outPlaneStart = (s * c + ch) * outPlane
      for (let y = 0; y < height; y++) {
        const row = outPlaneStart + y * width
        const sy = top + y
        if (sy < 0 || sy >= h) {
          out.fill(fill, row, row + width)
          continue
        }
        if (x0 > 0) out.fill(fill, row, row + x0)
        const from = srcPlane + sy * w + left
        out.set(src.subarray(from + x0, from + x1), row + x0)
        if (x1 < width) out.fill(fill, row + x1, row + width)
      }
    }
  }
  return new Tensor(out, [n, c, height, width])
}

function checkCropSize(op: string, height: number, width: number): void {
  checkInteger(op, 'height', height, 1)
  checkInteger(op, 'width', width, 1)
}

/**
 * The `height × width` window of every image whose top-left pixel is (`top`, `left`), like
 * torchvision's `F.crop`: the window may reach outside the image (negative `top`/`left`
 * included), and those positions read `fill` (default 0), as if the image were padded first.
 * @see https://pytorch.org/vision/stable/generated/torchvision.transforms.functional.crop.html
 */
export function crop(
  images: Tensor,
  top: number,
  left: number,
  height: number,
  width: number,
  fill = 0,
): Tensor {
  const op = 'crop'
  checkInteger(op, 'top', top)
  checkInteger(op, 'left', left)
  checkCropSize(op, height, width)
  checkFinite(op, 'fill', fill)
  const n = imageDims(op, images).n
  return cropSamples(
    op,
    images,
    new Int32Array(n).fill(top),
    new Int32Array(n).fill(left),
    height,
    width,
    fill,
  )
}

/** Options of {@link randomCrop}. */
export interface RandomCropOptions {
  /** Output size: `s` for `s × s`, or `[height, width]`. */
  size: number | readonly [number, number]
  /**
   * Zero padding added before cropping, as torchvision: `p` on all sides, `[leftRight,
   * topBottom]`, or `[left, top, right, bottom]` (default 0).
   */
  padding?: number | readonly [number, number] | readonly [number, number, number, number]
  /** Value of the padding (default 0). */
  fill?: number
}

/** Padding as `[left, top, right, bottom]`. */
function paddingSides(op: string, padding: RandomCropOptions['padding']): number[] {
  const sides =
    typeof padding === 'number'
      ? [padding, padding, padding, padding]
      : Array.isArray(padding) && padding.length === 2
        ? [padding[0], padding[1], padding[0], padding[1]]
        : Array.isArray(padding) && padding.length === 4
          ? [...padding]
          : null
  if (sides === null || !sides.every((p) => Number.isInteger(p) && p >= 0)) {
    throw new ArgumentError(
      op,
      `padding must be a non-negative integer or a list of 2 or 4 of them, got ${JSON.stringify(padding)}`,
      'use p, [leftRight, topBottom] or [left, top, right, bottom]',
    )
  }
  return sides
}

/**
 * A random `size` window of each sample after zero-padding it by `padding` (torchvision's
 * `RandomCrop(size, padding)`, per sample): with the padded image `H' × W'`, the window's
 * top-left corner is uniform over the `(H' − h + 1)·(W' − w + 1)` positions where it fits.
 * Draws {@link randomInt} for the row, then for the column, per sample in order.
 * @see https://pytorch.org/vision/stable/generated/torchvision.transforms.RandomCrop.html
 */
export function randomCrop(options: RandomCropOptions): Augmentation {
  const op = 'randomCrop'
  const { size, padding = 0, fill = 0 } = options
  const [height, width] = typeof size === 'number' ? [size, size] : [size[0], size[1]]
  checkCropSize(op, height, width)
  checkFinite(op, 'fill', fill)
  const [padLeft, padTop, padRight, padBottom] = paddingSides(op, padding) as [
    number,
    number,
    number,
    number,
  ]
  return imageAugmentation((images: Tensor, generator: Generator) => {
    const { n, h, w } = imageDims(op, images)
    const paddedH = h + padTop + padBottom
    const paddedW = w + padLeft + padRight
    if (height > paddedH || width > paddedW) {
      throw new ShapeError(
        op,
        `crop size [${height}, ${width}] is larger than the padded image [${paddedH}, ${paddedW}] (images ${formatShape(images.shape)}, padding [${padLeft}, ${padTop}, ${padRight}, ${padBottom}])`,
        'use a smaller size or more padding',
      )
    }
    const tops = new Int32Array(n)
    const lefts = new Int32Array(n)
    for (let s = 0; s < n; s++) {
      tops[s] = randomInt(0, paddedH - height + 1, generator) - padTop
      lefts[s] = randomInt(0, paddedW - width + 1, generator) - padLeft
    }
    return cropSamples(op, images, tops, lefts, height, width, fill)
  })
}
