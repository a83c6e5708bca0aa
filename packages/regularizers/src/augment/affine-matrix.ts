import { ArgumentError } from '@knack/core'
import type { AffineMatrix } from './affine-warp'
import { checkFinite } from './checks'

/** Parameters of {@link affineMatrix}. */
export interface AffineParams {
  /** The fixed point of rotation, scaling and shear, `[x, y]` in pixels; an image's centre is `[(W − 1)/2, (H − 1)/2]`. */
  center: readonly [number, number]
  /** Rotation in degrees, counter-clockwise as displayed (rows growing downwards); default 0. */
  angle?: number
  /** Shift `[dx, dy]` in pixels applied last (right, down); default `[0, 0]`. */
  translate?: readonly [number, number]
  /** Zoom factor, > 0; default 1. */
  scale?: number
  /** Shear angles `[sx, sy]` in degrees, each in (−90, 90); default `[0, 0]`. */
  shear?: readonly [number, number]
}

/** cos and sin of an angle in degrees, exact at multiples of 90°. */
function cosSin(degrees: number): [number, number] {
  const quarter = degrees / 90
  if (Number.isInteger(quarter)) {
    const q = ((quarter % 4) + 4) % 4
    return (
      [
        [1, 0],
        [0, 1],
        [-1, 0],
        [0, -1],
      ] as const
    )[q] as [number, number]
  }
  const r = (degrees * Math.PI) / 180
  return [Math.cos(r), Math.sin(r)]
}

function checkPair(op: string, name: string, v: readonly number[]): void {
  if (!Array.isArray(v) || v.length !== 2) {
    throw new ArgumentError(op, `${name} must be a pair [x, y], got ${JSON.stringify(v)}`)
  }
  checkFinite(op, `${name}[0]`, v[0]!)
  checkFinite(op, `${name}[1]`, v[1]!)
}

/**
 * The forward {@link AffineMatrix} (for {@link affineWarp}) that shears, scales and rotates
 * about `center`, then translates: with `p' = p − center`,
 * `M·p = center + translate + scale·R(angle)·Sh_y·Sh_x·p'`, where
 * `R(θ) = [[cos θ, sin θ], [−sin θ, cos θ]]` (counter-clockwise on screen, y pointing down),
 * `Sh_x = [[1, tan sx], [0, 1]]` and `Sh_y = [[1, 0], [tan sy, 1]]`. Multiples of 90° are exact.
 * @see https://pytorch.org/vision/stable/generated/torchvision.transforms.functional.affine.html
 */
export function affineMatrix(params: AffineParams): AffineMatrix {
  const op = 'affineMatrix'
  const { center, angle = 0, translate = [0, 0], scale = 1, shear = [0, 0] } = params
  checkPair(op, 'center', center)
  checkPair(op, 'translate', translate)
  checkPair(op, 'shear', shear)
  checkFinite(op, 'angle', angle)
  checkFinite(op, 'scale', scale)
  if (scale <= 0) {
    throw new ArgumentError(
      op,
      `scale must be > 0, got ${scale}`,
      'use a zoom factor such as 0.9 or 1.1',
    )
  }
  if (!(Math.abs(shear[0]) < 90 && Math.abs(shear[1]) < 90)) {
    throw new ArgumentError(
      op,
      `shear angles must lie in (−90, 90) degrees, got ${JSON.stringify(shear)}`,
    )
  }
  const [cos, sin] = cosSin(angle)
  const tx = Math.tan((shear[0] * Math.PI) / 180)
  const ty = Math.tan((shear[1] * Math.PI) / 180)
  // scale · R · (Sh_y · Sh_x), with Sh_y · Sh_x = [[1, tx], [ty, 1 + ty·tx]].
  const a = scale * (cos + sin * ty)
  const b = scale * (cos * tx + sin * (1 + ty * tx))
  const d = scale * (-sin + cos * ty)
  const e = scale * (-sin * tx + cos * (1 + ty * tx))
  const [cx, cy] = center
  return [a, b, cx + translate[0] - (a * cx + b * cy), d, e, cy + translate[1] - (d * cx + e * cy)]
}
