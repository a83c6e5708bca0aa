import { describe, expect, it } from 'vitest'
import { slidingWindow } from '../../ops/conv/window'
import type { Window2d } from '../backend'
import { jsCol2im, jsIm2col } from './im2col'

const values = (n: number, seed: number) =>
  Float32Array.from(
    { length: n },
    (_, i) => ((Math.sin(seed * 97.1 + i * 12.9898) * 43758.5453) % 1) * 2,
  )

function window(
  [channels, ...size]: [number, number, number],
  kernel: [number, number],
  stride: [number, number],
  padding: [number, number],
  dilation: [number, number],
): Window2d {
  return slidingWindow('test', size, channels, kernel, stride, padding, dilation)
}

/** For each entry of the column matrix, the image index it reads, or -1 in the padding. */
function sourceIndex(w: Window2d): Int32Array {
  const rows = w.channels * w.kernelH * w.kernelW
  const cols = w.outH * w.outW
  const src = new Int32Array(rows * cols)
  for (let c = 0; c < w.channels; c++) {
    for (let i = 0; i < w.kernelH; i++) {
      for (let j = 0; j < w.kernelW; j++) {
        const row = (c * w.kernelH + i) * w.kernelW + j
        for (let oh = 0; oh < w.outH; oh++) {
          for (let ow = 0; ow < w.outW; ow++) {
            const y = oh * w.strideH - w.padH + i * w.dilationH
            const x = ow * w.strideW - w.padW + j * w.dilationW
            const inside = y >= 0 && y < w.height && x >= 0 && x < w.width
            src[row * cols + oh * w.outW + ow] = inside ? (c * w.height + y) * w.width + x : -1
          }
        }
      }
    }
  }
  return src
}

const geometries: Window2d[] = [
  window([1, 1, 1], [1, 1], [1, 1], [0, 0], [1, 1]),
  window([2, 5, 7], [3, 3], [1, 1], [0, 0], [1, 1]),
  window([3, 6, 5], [3, 2], [2, 1], [1, 0], [1, 1]),
  window([2, 7, 9], [3, 3], [2, 3], [2, 1], [2, 1]),
  window([1, 4, 4], [2, 2], [1, 1], [3, 3], [1, 1]),
  window([3, 11, 13], [5, 3], [3, 2], [2, 2], [1, 3]),
  window([2, 3, 8], [1, 4], [1, 3], [0, 5], [1, 2]),
]

const describeWindow = (w: Window2d) =>
  `c${w.channels} ${w.height}×${w.width} k${w.kernelH}×${w.kernelW} s${w.strideH},${w.strideW} p${w.padH},${w.padW} d${w.dilationH},${w.dilationW}`

describe('jsIm2col / jsCol2im', () => {
  for (const w of geometries) {
    it(`im2col reads the right pixels (${describeWindow(w)})`, () => {
      const offset = 3
      const image = values(offset + w.channels * w.height * w.width, w.height)
      const src = sourceIndex(w)
      const col = new Float32Array(src.length).fill(Number.NaN)
      jsIm2col(image, offset, col, w)
      const want = Array.from(src, (s) => (s < 0 ? 0 : image[offset + s]!))
      expect(Array.from(col)).toEqual(want)
    })

    it(`col2im adds every entry back onto its pixel (${describeWindow(w)})`, () => {
      const offset = 2
      const size = w.channels * w.height * w.width
      const src = sourceIndex(w)
      const col = values(src.length, w.width)
      const start = values(offset + size, 9)
      const image = start.slice()
      jsCol2im(col, image, offset, w)
      const want = Float64Array.from(start)
      src.forEach((s, q) => {
        if (s >= 0) want[offset + s]! += col[q]!
      })
      for (let i = 0; i < want.length; i++) expect(image[i]).toBeCloseTo(want[i]!, 5)
    })
  }
})
