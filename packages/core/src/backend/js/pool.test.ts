import { describe, expect, it } from 'vitest'
import { slidingWindow } from '../../ops/conv/window'
import type { Window2d } from '../backend'
import { jsAvgPool2d, jsAvgPool2dBackward, jsMaxPool2d, jsMaxPool2dBackward } from './pool'

const values = (n: number, seed: number) =>
  Float32Array.from(
    { length: n },
    (_, i) => ((Math.sin(seed * 97.1 + i * 12.9898) * 43758.5453) % 1) * 2,
  )

function window(
  channels: number,
  size: [number, number],
  kernel: [number, number],
  stride: [number, number],
  padding: [number, number],
  dilation: [number, number] = [1, 1],
): Window2d {
  return slidingWindow('test', size, channels, kernel, stride, padding, dilation)
}

/** The in-plane positions of the taps of every output window that fall inside the input. */
function taps(w: Window2d): number[][] {
  const all: number[][] = []
  for (let oh = 0; oh < w.outH; oh++) {
    for (let ow = 0; ow < w.outW; ow++) {
      const inside: number[] = []
      for (let i = 0; i < w.kernelH; i++) {
        for (let j = 0; j < w.kernelW; j++) {
          const y = oh * w.strideH - w.padH + i * w.dilationH
          const x = ow * w.strideW - w.padW + j * w.dilationW
          if (y >= 0 && y < w.height && x >= 0 && x < w.width) inside.push(y * w.width + x)
        }
      }
      all.push(inside)
    }
  }
  return all
}

const geometries: Window2d[] = [
  window(1, [1, 1], [1, 1], [1, 1], [0, 0]),
  window(2, [4, 4], [2, 2], [2, 2], [0, 0]),
  window(3, [5, 7], [3, 3], [2, 2], [1, 1]),
  window(2, [6, 5], [3, 2], [1, 2], [1, 1], [2, 1]),
  window(1, [7, 7], [4, 4], [3, 3], [2, 2]),
  window(2, [9, 11], [5, 3], [2, 3], [2, 1], [1, 2]),
]

const label = (w: Window2d) =>
  `c${w.channels} ${w.height}×${w.width} k${w.kernelH}×${w.kernelW} s${w.strideH},${w.strideW} p${w.padH},${w.padW} d${w.dilationH},${w.dilationW}`

describe('jsMaxPool2d', () => {
  for (const w of geometries) {
    it(`takes the first maximum of each window and routes gradients back (${label(w)})`, () => {
      const planeSize = w.height * w.width
      const input = values(w.channels * planeSize, w.width)
      // Plant a tie above every other value: the first maximum must win.
      input[0] = 5
      input[1] = 5
      const windows = taps(w)
      const outSize = w.channels * windows.length
      const out = new Float32Array(outSize)
      const indices = new Int32Array(outSize)
      jsMaxPool2d(input, out, indices, w)
      const gradOut = values(outSize, 3)
      const gradInput = new Float32Array(input.length).fill(0.5)
      jsMaxPool2dBackward(gradOut, indices, gradInput, w)
      const wantGrad = new Float64Array(input.length)
      for (let c = 0; c < w.channels; c++) {
        windows.forEach((inside, q) => {
          let at = inside[0]!
          for (const t of inside) if (input[c * planeSize + t]! > input[c * planeSize + at]!) at = t
          const o = c * windows.length + q
          expect(indices[o]).toBe(at)
          expect(out[o]).toBe(input[c * planeSize + at])
          wantGrad[c * planeSize + at]! += gradOut[o]!
        })
      }
      for (let i = 0; i < wantGrad.length; i++) expect(gradInput[i]).toBeCloseTo(wantGrad[i]!, 5)
    })
  }

  it('lets a NaN win its window, as PyTorch does', () => {
    const w = window(1, [1, 6], [1, 2], [1, 2], [0, 0])
    const out = new Float32Array(3)
    const indices = new Int32Array(3)
    jsMaxPool2d(Float32Array.of(1, Number.NaN, Number.NaN, 3, 2, -1), out, indices, w)
    expect(Array.from(out)).toEqual([Number.NaN, Number.NaN, 2])
    expect(Array.from(indices)).toEqual([1, 2, 4])
  })

  it('keeps −∞ inputs and marks windows that lie entirely in the padding', () => {
    const lone = new Float32Array(1)
    const at = new Int32Array(1)
    const one = window(1, [1, 1], [1, 1], [1, 1], [0, 0])
    jsMaxPool2d(Float32Array.of(Number.NEGATIVE_INFINITY), lone, at, one)
    expect([lone[0], at[0]]).toEqual([Number.NEGATIVE_INFINITY, 0])
    // Dilation 3 over a 2×3 input padded by 1: the taps of every window miss the input rows.
    const w = window(1, [2, 3], [2, 2], [1, 1], [1, 1], [3, 3])
    const out = new Float32Array(w.outH * w.outW)
    const indices = new Int32Array(out.length)
    jsMaxPool2d(values(6, 1), out, indices, w)
    expect(out.length).toBe(2)
    expect(Array.from(indices)).toEqual([-1, -1])
    expect(Array.from(out)).toEqual([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])
    const grad = new Float32Array(6)
    jsMaxPool2dBackward(Float32Array.of(1, 1), indices, grad, w)
    expect(Array.from(grad)).toEqual([0, 0, 0, 0, 0, 0])
  })
})

describe('jsAvgPool2d', () => {
  for (const w of geometries) {
    for (const countIncludePad of [true, false]) {
      it(`averages each window and spreads gradients back (${label(w)}, countIncludePad ${countIncludePad})`, () => {
        const planeSize = w.height * w.width
        const input = values(w.channels * planeSize, w.height)
        const windows = taps(w)
        const out = new Float32Array(w.channels * windows.length)
        jsAvgPool2d(input, out, w, countIncludePad)
        const gradOut = values(out.length, 5)
        const gradInput = new Float32Array(input.length).fill(-1)
        jsAvgPool2dBackward(gradOut, gradInput, w, countIncludePad)
        const wantGrad = new Float64Array(input.length)
        for (let c = 0; c < w.channels; c++) {
          windows.forEach((inside, q) => {
            const o = c * windows.length + q
            const divisor = countIncludePad ? w.kernelH * w.kernelW : inside.length
            let s = 0
            for (const t of inside) {
              s += input[c * planeSize + t]!
              wantGrad[c * planeSize + t]! += gradOut[o]! / divisor
            }
            expect(out[o]).toBeCloseTo(s / divisor, 5)
          })
        }
        for (let i = 0; i < wantGrad.length; i++) expect(gradInput[i]).toBeCloseTo(wantGrad[i]!, 5)
      })
    }
  }
})
