import { type Generator, Tensor } from '@knack/core'
import { checkFinite, checkInteger, imageDims } from './checks'

/**
 * Copies `images` with box `s` (`boxes[4s … 4s+3]` = top, left, height, width; clipped to the
 * image; empty boxes erase nothing) of each sample set to `value`, or to standard normal noise
 * drawn from `generator` in channel, row, column order when `value` is `'random'`. @internal
 */
export function eraseBoxes(
  op: string,
  images: Tensor,
  boxes: Int32Array,
  value: number | 'random',
  generator: Generator | null,
): Tensor {
  const { n, c, h, w } = imageDims(op, images)
  const out = (images.data as Float32Array).slice()
  const plane = h * w
  for (let s = 0; s < n; s++) {
    const y0 = Math.max(0, boxes[4 * s]!)
    const x0 = Math.max(0, boxes[4 * s + 1]!)
    const y1 = Math.min(h, boxes[4 * s]! + boxes[4 * s + 2]!)
    const x1 = Math.min(w, boxes[4 * s + 1]! + boxes[4 * s + 3]!)
    if (y1 <= y0 || x1 <= x0) continue
    for (let ch = 0; ch < c; ch++) {
      const p = (s * c + ch) * plane
      for (let y = y0; y < y1; y++) {
        const row = p + y * w
        if (value === 'random') {
          for (let x = x0; x < x1; x++) out[row + x] = generator!.nextNormal()
        } else {
          out.fill(value, row + x0, row + x1)
        }
      }
    }
  }
  return new Tensor(out, images.shape)
}

/**
 * Sets the `height × width` box at (`top`, `left`) of every image to `value` (torchvision's
 * `F.erase` with a constant); the part of the box outside the image is ignored.
 * @see https://pytorch.org/vision/stable/generated/torchvision.transforms.functional.erase.html
 */
export function erase(
  images: Tensor,
  top: number,
  left: number,
  height: number,
  width: number,
  value = 0,
): Tensor {
  const op = 'erase'
  checkInteger(op, 'top', top)
  checkInteger(op, 'left', left)
  checkInteger(op, 'height', height, 0)
  checkInteger(op, 'width', width, 0)
  checkFinite(op, 'value', value)
  const n = imageDims(op, images).n
  const boxes = new Int32Array(4 * n)
  for (let s = 0; s < n; s++) boxes.set([top, left, height, width], 4 * s)
  return eraseBoxes(op, images, boxes, value, null)
}
