import { ArgumentError, type Generator, type Tensor, uniform } from '@knack/core'
import { affineMatrix } from './affine-matrix'
import { invertAffine, warpWithInverses } from './affine-warp'
import { checkFinite, imageDims, symmetric, toRange } from './checks'
import { imageAugmentation } from './image-augmentation'
import type { Augmentation } from './types'

/** Options of {@link randomAffine}; parameters left out are not randomized. */
export interface RandomAffineOptions {
  /** Rotation range in degrees (counter-clockwise): `d` for `[−d, d]`, or `[min, max]`; default 0. */
  degrees?: number | readonly [number, number]
  /**
   * Largest shift as fractions `[fx, fy]` of the width and height, each in [0, 1]: the shift is
   * `round(U(−fx·W, fx·W))` pixels right and likewise down.
   */
  translate?: readonly [number, number]
  /** Zoom range `[min, max]`, both > 0. */
  scale?: readonly [number, number]
  /**
   * Shear range in degrees: `s` for an x-shear in `[−s, s]`, `[min, max]` for an x-shear, or
   * `[xmin, xmax, ymin, ymax]` for both.
   */
  shear?: number | readonly [number, number] | readonly [number, number, number, number]
  /** Value of output pixels whose source lies outside the image (default 0). */
  fill?: number
}

function shearRanges(op: string, shear: RandomAffineOptions['shear']): number[] | null {
  if (shear === undefined) return null
  if (Array.isArray(shear) && shear.length === 4) {
    return [...toRange(op, 'shear x', shear.slice(0, 2)), ...toRange(op, 'shear y', shear.slice(2))]
  }
  return toRange(op, 'shear', shear as number | readonly number[], symmetric(op, 'shear'))
}

/**
 * Rotates, shifts, zooms and shears each sample by its own random parameters in ONE bilinear
 * {@link affineWarp} about the image centre (torchvision's `RandomAffine`, per sample; the
 * matrix is {@link affineMatrix}). Draws per sample, in order: the angle, then (when set) the
 * x and y shifts, the scale, the x shear and the y shear, each by {@link uniform}.
 * @see https://pytorch.org/vision/stable/generated/torchvision.transforms.RandomAffine.html
 */
export function randomAffine(options: RandomAffineOptions = {}): Augmentation {
  const op = 'randomAffine'
  const { degrees = 0, translate, scale, shear, fill = 0 } = options
  const angles = toRange(op, 'degrees', degrees, symmetric(op, 'degrees'))
  if (
    translate !== undefined &&
    !(
      Array.isArray(translate) &&
      translate.length === 2 &&
      translate.every((t) => t >= 0 && t <= 1)
    )
  ) {
    throw new ArgumentError(
      op,
      `translate must be fractions [fx, fy] in [0, 1], got ${JSON.stringify(translate)}`,
      'e.g. [0.1, 0.1] shifts by up to a tenth of the width and height',
    )
  }
  const scales = scale === undefined ? null : toRange(op, 'scale', scale)
  if (scales !== null && !(scales[0] > 0)) {
    throw new ArgumentError(
      op,
      `scale must be a range of factors > 0, got ${JSON.stringify(scale)}`,
    )
  }
  const shears = shearRanges(op, shear)
  if (shears?.some((s) => !(Math.abs(s) < 90))) {
    throw new ArgumentError(
      op,
      `shear angles must lie in (−90, 90) degrees, got ${JSON.stringify(shear)}`,
    )
  }
  checkFinite(op, 'fill', fill)
  return imageAugmentation((images: Tensor, generator: Generator) => {
    const { n, h, w } = imageDims(op, images)
    const center: [number, number] = [(w - 1) / 2, (h - 1) / 2]
    const inverses = new Float64Array(6 * n)
    for (let s = 0; s < n; s++) {
      const angle = uniform(angles[0], angles[1], generator)
      let dx = 0
      let dy = 0
      if (translate !== undefined) {
        const mx = translate[0] * w
        const my = translate[1] * h
        dx = Math.round(uniform(-mx, mx, generator))
        dy = Math.round(uniform(-my, my, generator))
      }
      const zoom = scales === null ? 1 : uniform(scales[0], scales[1], generator)
      const sx = shears === null ? 0 : uniform(shears[0]!, shears[1]!, generator)
      const sy =
        shears !== null && shears.length === 4 ? uniform(shears[2]!, shears[3]!, generator) : 0
      const m = affineMatrix({ center, angle, translate: [dx, dy], scale: zoom, shear: [sx, sy] })
      inverses.set(invertAffine(op, m), 6 * s)
    }
    return warpWithInverses(op, images, inverses, fill)
  })
}
