import { ArgumentError, type Tensor } from '@knack/core'
import { remapBilinear } from './bilinear-remap'
import { checkFinite, imageDims } from './checks'

/**
 * A 2-D affine map of pixel coordinates as its 2×3 matrix, row-major `[a, b, c, d, e, f]`:
 * the point (x, y) (column, row; pixel centres at integers) goes to
 * `(a·x + b·y + c, d·x + e·y + f)`.
 */
export type AffineMatrix = readonly [number, number, number, number, number, number]

/** Options of {@link affineWarp}. */
export interface AffineWarpOptions {
  /** Value of output pixels whose source lies outside the image (default 0). */
  fill?: number
}

/** The inverse of an invertible affine map, as `[a, b, c, d, e, f]` of {@link AffineMatrix}. @internal */
export function invertAffine(op: string, m: readonly number[]): Float64Array {
  if (
    !Array.isArray(m) ||
    m.length !== 6 ||
    !m.every((v) => typeof v === 'number' && Number.isFinite(v))
  ) {
    throw new ArgumentError(
      op,
      `an affine matrix must be 6 finite numbers [a, b, c, d, e, f], got ${JSON.stringify(m)}`,
      'pass the 2×3 matrix row by row',
    )
  }
  const [a, b, c, d, e, f] = m as unknown as AffineMatrix
  const det = a * e - b * d
  if (det === 0 || !Number.isFinite(1 / det)) {
    throw new ArgumentError(
      op,
      `the affine matrix ${JSON.stringify(m)} is singular (determinant ${det})`,
      'use a matrix whose 2×2 part is invertible (non-zero scale)',
    )
  }
  const ia = e / det
  const ib = -b / det
  const id = -d / det
  const ie = a / det
  return Float64Array.of(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f))
}

/**
 * Warps inverse maps (one per sample, 6 numbers each) with bilinear sampling. @internal
 */
export function warpWithInverses(
  op: string,
  images: Tensor,
  inverses: Float64Array,
  fill: number,
): Tensor {
  const w = imageDims(op, images).w
  return remapBilinear(op, images, fill, (s, xs, ys) => {
    const o = 6 * s
    const a = inverses[o]!
    const b = inverses[o + 1]!
    const c = inverses[o + 2]!
    const d = inverses[o + 3]!
    const e = inverses[o + 4]!
    const f = inverses[o + 5]!
    for (let y = 0, i = 0; i < xs.length; y++) {
      for (let x = 0; x < w; x++, i++) {
        xs[i] = a * x + b * y + c
        ys[i] = d * x + e * y + f
      }
    }
  })
}

/**
 * Moves every image by an affine map of its pixel coordinates: the content at source pixel
 * (x, y) lands at `M·(x, y, 1)`. Each output pixel p reads the source at `M⁻¹·p` by bilinear
 * interpolation; sources outside the image read `fill`. Integer-aligned maps (flips, 90°
 * rotations, integer shifts) move pixels exactly. `matrix` is one {@link AffineMatrix} for all
 * samples, or a list with one per sample.
 * @see M. Jaderberg et al., "Spatial Transformer Networks", NeurIPS 2015 (bilinear sampling)
 */
export function affineWarp(
  images: Tensor,
  matrix: AffineMatrix | readonly AffineMatrix[],
  options: AffineWarpOptions = {},
): Tensor {
  const op = 'affineWarp'
  const { fill = 0 } = options
  checkFinite(op, 'fill', fill)
  const n = imageDims(op, images).n
  const perSample = matrix.length > 0 && typeof matrix[0] !== 'number'
  const list = perSample ? (matrix as readonly AffineMatrix[]) : null
  if (list !== null && list.length !== n) {
    throw new ArgumentError(
      op,
      `got ${list.length} matrices for ${n} images`,
      'pass one matrix for all images, or exactly one per image',
    )
  }
  const inverses = new Float64Array(6 * n)
  const shared = list === null ? invertAffine(op, matrix as AffineMatrix) : null
  for (let s = 0; s < n; s++) {
    inverses.set(shared ?? invertAffine(op, list![s]!), 6 * s)
  }
  return warpWithInverses(op, images, inverses, fill)
}
