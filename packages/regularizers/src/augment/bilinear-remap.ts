import { Tensor } from '@knack/core'
import { imageDims } from './checks'

/**
 * Writes the source position of every output pixel of sample `sample` into `xs`/`ys` (column
 * and row, in pixels of the input; index `y·W + x` for output pixel (x, y)). @internal
 */
export type SourceMap = (sample: number, xs: Float64Array, ys: Float64Array) => void

/**
 * Resamples each image at the positions `sourceMap` gives, by bilinear interpolation between
 * the four pixels around each position (pixel centres at integer coordinates). Neighbours
 * outside the image count as `fill`, so a position outside the source reads `fill` and one on a
 * pixel centre reads that pixel exactly. With fill 0 this is `grid_sample(mode='bilinear',
 * padding_mode='zeros', align_corners=True)`. The map is computed once per sample and shared
 * by its channels. @internal
 */
export function remapBilinear(
  op: string,
  images: Tensor,
  fill: number,
  sourceMap: SourceMap,
): Tensor {
  const { n, c, h, w } = imageDims(op, images)
  const src = images.data as Float32Array
  const out = new Float32Array(src.length)
  const plane = h * w
  const xs = new Float64Array(plane)
  const ys = new Float64Array(plane)
  // Per output pixel: index of the top-left neighbour in the plane, the four neighbour weights
  // (0 where a neighbour is outside) and the total weight of the outside ones.
  const index = new Int32Array(4 * plane)
  const weight = new Float64Array(4 * plane)
  const fillWeight = new Float64Array(plane)
  for (let s = 0; s < n; s++) {
    sourceMap(s, xs, ys)
    for (let i = 0; i < plane; i++) {
      const sx = xs[i]!
      const sy = ys[i]!
      const x0 = Math.floor(sx)
      const y0 = Math.floor(sy)
      const fx = sx - x0
      const fy = sy - y0
      const left = x0 >= 0 && x0 < w
      const right = x0 + 1 >= 0 && x0 + 1 < w
      const top = y0 >= 0 && y0 < h
      const bottom = y0 + 1 >= 0 && y0 + 1 < h
      const j = 4 * i
      const row = y0 * w + x0
      const w00 = (1 - fx) * (1 - fy)
      const w01 = fx * (1 - fy)
      const w10 = (1 - fx) * fy
      const w11 = fx * fy
      const in00 = top && left
      const in01 = top && right
      const in10 = bottom && left
      const in11 = bottom && right
      index[j] = in00 ? row : 0
      index[j + 1] = in01 ? row + 1 : 0
      index[j + 2] = in10 ? row + w : 0
      index[j + 3] = in11 ? row + w + 1 : 0
      weight[j] = in00 ? w00 : 0
      weight[j + 1] = in01 ? w01 : 0
      weight[j + 2] = in10 ? w10 : 0
      weight[j + 3] = in11 ? w11 : 0
      const outside = (in00 ? 0 : w00) + (in01 ? 0 : w01) + (in10 ? 0 : w10) + (in11 ? 0 : w11)
      fillWeight[i] = outside
    }
    for (let ch = 0; ch < c; ch++) {
      const p = (s * c + ch) * plane
      for (let i = 0; i < plane; i++) {
        const j = 4 * i
        out[p + i] =
          fillWeight[i]! * fill +
          weight[j]! * src[p + index[j]!]! +
          weight[j + 1]! * src[p + index[j + 1]!]! +
          weight[j + 2]! * src[p + index[j + 2]!]! +
          weight[j + 3]! * src[p + index[j + 3]!]!
      }
    }
  }
  return new Tensor(out, images.shape)
}
