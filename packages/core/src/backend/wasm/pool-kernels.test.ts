import { afterAll, describe, expect, it } from 'vitest'
import { slidingWindow } from '../../ops/conv/window'
import { Generator } from '../../random/generator'
import type { Window2d } from '../backend'
import { jsAvgPool2d, jsAvgPool2dBackward, jsMaxPool2d, jsMaxPool2dBackward } from '../js/pool'
import { createWasmBackend } from './wasm-backend'

const wasm = createWasmBackend({ threads: 1 })
afterAll(() => wasm.terminate())

const gen = new Generator(5)
const random = (n: number) => Float32Array.from({ length: n }, () => 2 * gen.nextFloat() - 1)

function window(
  planes: number,
  size: [number, number],
  kernel: [number, number],
  stride: [number, number],
  padding: [number, number] = [0, 0],
  dilation: [number, number] = [1, 1],
): Window2d {
  return slidingWindow('test', size, planes, kernel, stride, padding, dilation)
}

// Strides 1, 2 (the shuffle path) and 3 (lane gathers), padded edges, dilation, odd sizes,
// interiors that are not a multiple of four windows wide (28 and 14 wide with stride 2, 6 wide
// with stride 1), and a padding wider than the kernel (windows entirely in the padding).
const windows: Window2d[] = [
  window(6, [28, 28], [2, 2], [2, 2]),
  window(37, [28, 28], [2, 2], [2, 2]),
  window(45, [14, 14], [2, 2], [2, 2]),
  window(3, [8, 8], [3, 3], [1, 1]),
  window(3, [13, 17], [3, 3], [1, 1], [1, 1]),
  window(2, [11, 23], [3, 2], [2, 2], [1, 1], [2, 1]),
  window(4, [9, 31], [2, 3], [3, 3], [0, 1]),
  window(1, [7, 10], [5, 5], [2, 1], [2, 2], [1, 2]),
  window(2, [3, 3], [1, 1], [1, 1], [2, 2]),
  window(5, [1, 9], [1, 4], [1, 4]),
]

function expectClose(actual: Float32Array, expected: Float32Array, what: string) {
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i]! - expected[i]!) <= 1e-6 + 1e-6 * Math.abs(expected[i]!))) {
      expect.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`)
    }
  }
}

describe('wasm pooling kernels', () => {
  it('max pooling matches the reference values and first-maximum indices', () => {
    for (const w of windows) {
      const input = random(w.channels * w.height * w.width)
      // Ties (the first maximum wins) and NaNs (which take the window).
      for (let i = 0; i < input.length; i += 7) input[i] = 0.5
      input[3] = Number.NaN
      input[input.length - 2] = Number.NaN
      const n = w.channels * w.outH * w.outW
      const expected = { out: new Float32Array(n), idx: new Int32Array(n) }
      const actual = { out: random(n), idx: new Int32Array(n).fill(99) }
      jsMaxPool2d(input, expected.out, expected.idx, w)
      wasm.maxPool2d(input, actual.out, actual.idx, w)
      expect(actual.out).toEqual(expected.out)
      expect(actual.idx).toEqual(expected.idx)
    }
  })

  it('max-pool backward scatters onto the recorded positions, overwriting the gradient', () => {
    for (const w of windows) {
      const n = w.channels * w.outH * w.outW
      const input = random(w.channels * w.height * w.width)
      const out = new Float32Array(n)
      const idx = new Int32Array(n)
      jsMaxPool2d(input, out, idx, w)
      const gradOut = random(n)
      const expected = random(input.length)
      const actual = expected.slice()
      jsMaxPool2dBackward(gradOut, idx, expected, w)
      wasm.maxPool2dBackward(gradOut, idx, actual, w)
      expectClose(actual, expected, JSON.stringify(w))
    }
  })

  it('average pooling and its backward match the reference for both divisors', () => {
    for (const w of windows) {
      for (const includePad of [true, false]) {
        const n = w.channels * w.outH * w.outW
        const input = random(w.channels * w.height * w.width)
        const expected = new Float32Array(n)
        const actual = random(n)
        jsAvgPool2d(input, expected, w, includePad)
        wasm.avgPool2d(input, actual, w, includePad)
        expectClose(actual, expected, `avg ${JSON.stringify(w)}`)
        const gradOut = random(n)
        const gExpected = random(input.length)
        const gActual = gExpected.slice()
        jsAvgPool2dBackward(gradOut, gExpected, w, includePad)
        wasm.avgPool2dBackward(gradOut, gActual, w, includePad)
        expectClose(gActual, gExpected, `avg backward ${JSON.stringify(w)}`)
      }
    }
  })
})
