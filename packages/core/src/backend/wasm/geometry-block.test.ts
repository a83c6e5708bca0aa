import { describe, expect, it } from 'vitest'
import type { Window2d } from '../backend'
import { GEOMETRY, GEOMETRY_WORDS } from './conv-kernels'
import { geometryWords, writeGeometry } from './geometry-block'

// 3 planes of 5 × 6, kernel 3 × 2, stride 2 × 1, padding 1 × 1, dilation 1 × 2.
const w: Window2d = {
  channels: 3,
  height: 5,
  width: 6,
  kernelH: 3,
  kernelW: 2,
  strideH: 2,
  strideW: 1,
  padH: 1,
  padW: 1,
  dilationH: 1,
  dilationW: 2,
  outH: 3,
  outW: 6,
}

function block(conv: boolean) {
  const i32 = new Int32Array(64)
  writeGeometry(i32, 16, w, conv, 1, 7)
  return i32.subarray(4, 4 + geometryWords(w, conv))
}

describe('writeGeometry', () => {
  it('writes the window fields and the convolution tables', () => {
    const g = block(true)
    expect(g[GEOMETRY.outChannels]).toBe(7)
    expect(g[GEOMETRY.dilationW]).toBe(2)
    expect(g[GEOMETRY.rowTable]).toBe(16 + 4 * GEOMETRY_WORDS)
    // y = 2·oh − 1 + i for i = 0, 1, 2 and oh = 0, 1, 2 (−1 outside [0, 5)).
    expect(Array.from(g.subarray(GEOMETRY_WORDS, GEOMETRY_WORDS + 9))).toEqual([
      -1, 1, 3, 0, 2, 4, 1, 3, -1,
    ])
    // dx = 2j − 1: tap 0 is inside for ow ≥ 1, tap 1 (dx = 1) for ow < 5.
    expect(Array.from(g.subarray(GEOMETRY_WORDS + 9))).toEqual([-1, 1, 6, 1, 0, 5])
  })

  it('writes the pooling tap ranges and the run of windows entirely inside', () => {
    const g = block(false)
    // Rows: origin 2·oh − 1 → taps [1, 3), [0, 3), [0, 2) (row 5 is outside).
    expect(Array.from(g.subarray(GEOMETRY_WORDS, GEOMETRY_WORDS + 6))).toEqual([1, 3, 0, 3, 0, 2])
    // Columns: origin ow − 1, taps at +0 and +2 → ow 0 misses tap 0, ow 5 misses tap 1.
    expect(Array.from(g.subarray(GEOMETRY_WORDS + 6))).toEqual([1, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 1])
    expect(g[GEOMETRY.interiorStart]).toBe(1)
    expect(g[GEOMETRY.interiorEnd]).toBe(5)
  })
})
