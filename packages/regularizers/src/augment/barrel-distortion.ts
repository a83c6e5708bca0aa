import { type Generator, type Tensor, uniform } from '@knack/core'
import { remapBilinear } from './bilinear-remap'
import { checkFinite, imageDims, perItem, toRange } from './checks'
import { imageAugmentation } from './image-augmentation'
import type { Augmentation } from './types'

/** Options of {@link barrelDistortion}. */
export interface BarrelDistortionOptions {
  /** Value of output pixels whose source lies outside the image (default 0). */
  fill?: number
}

function distort(op: string, images: Tensor, ks: Float64Array, fill: number): Tensor {
  const { h, w } = imageDims(op, images)
  const cx = (w - 1) / 2
  const cy = (h - 1) / 2
  const radius2 = cx * cx + cy * cy
  return remapBilinear(op, images, fill, (s, xs, ys) => {
    // k / R², so that r² is measured in units of the half-diagonal R (0 for a 1×1 image).
    const k = radius2 > 0 ? ks[s]! / radius2 : 0
    for (let y = 0, i = 0; y < h; y++) {
      const v = y - cy
      for (let x = 0; x < w; x++, i++) {
        const u = x - cx
        const factor = 1 + k * (u * u + v * v)
        xs[i] = cx + u * factor
        ys[i] = cy + v * factor
      }
    }
  })
}

/**
 * Radial lens distortion of every image about its centre: the output pixel at normalized
 * radius r shows the source at `r' = r·(1 + k·r²)` (the Brown–Conrady model's first radial
 * term), sampled bilinearly; r is measured in half-diagonals, so the corners have r = 1.
 * `k > 0` is barrel distortion (the content bulges, edges are pulled in), `k < 0` pincushion,
 * `k = 0` the identity. `k` is one number for all samples or one per sample.
 * @see D. C. Brown, "Decentering distortion of lenses", Photogrammetric Engineering 32(3), 1966
 */
export function barrelDistortion(
  images: Tensor,
  k: number | ArrayLike<number>,
  options: BarrelDistortionOptions = {},
): Tensor {
  const op = 'barrelDistortion'
  const { fill = 0 } = options
  checkFinite(op, 'fill', fill)
  const n = imageDims(op, images).n
  return distort(op, images, perItem(op, 'k', k, n, 'image'), fill)
}

/** Options of {@link randomBarrelDistortion}. */
export interface RandomBarrelDistortionOptions {
  /** Range of the coefficient k: `k` for between 0 and k, or `[min, max]`. */
  k: number | readonly [number, number]
  /** Value of output pixels whose source lies outside the image (default 0). */
  fill?: number
}

/**
 * {@link barrelDistortion} of each sample with its own `k ~ U(min, max)`, drawn per sample in
 * order by {@link uniform}.
 * @see D. C. Brown, "Decentering distortion of lenses", Photogrammetric Engineering 32(3), 1966
 */
export function randomBarrelDistortion(options: RandomBarrelDistortionOptions): Augmentation {
  const op = 'randomBarrelDistortion'
  const { fill = 0 } = options
  const [low, high] = toRange(op, 'k', options.k, (v) => [Math.min(0, v), Math.max(0, v)])
  checkFinite(op, 'fill', fill)
  return imageAugmentation((images: Tensor, generator: Generator) => {
    const n = imageDims(op, images).n
    const ks = new Float64Array(n)
    for (let s = 0; s < n; s++) ks[s] = uniform(low, high, generator)
    return distort(op, images, ks, fill)
  })
}
