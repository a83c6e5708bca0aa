import { afterAll, describe, expect, it } from 'vitest'
import { slidingWindow } from '../../ops/conv/window'
import { Generator } from '../../random/generator'
import type { Conv2dGeometry, Window2d } from '../backend'
import { jsConv2d, jsConv2dBackward } from '../js/conv2d'
import { jsConv2dReluMaxPool2d, jsConv2dReluMaxPool2dBackward } from '../js/conv2d-relu-max-pool2d'
import { jsCol2im, jsIm2col } from '../js/im2col'
import { createWasmBackend } from './wasm-backend'

const wasm = createWasmBackend({ threads: 1 })
afterAll(() => wasm.terminate())

const gen = new Generator(11)
const random = (n: number) => Float32Array.from({ length: n }, () => 2 * gen.nextFloat() - 1)

/** A window over `channels × height × width` with kernel, stride, padding and dilation pairs. */
function window(
  channels: number,
  size: [number, number],
  kernel: [number, number],
  stride: [number, number] = [1, 1],
  padding: [number, number] = [0, 0],
  dilation: [number, number] = [1, 1],
): Window2d {
  return slidingWindow('test', size, channels, kernel, stride, padding, dilation)
}

const windows: Window2d[] = [
  window(1, [5, 5], [3, 3], [1, 1], [1, 1]),
  window(3, [7, 9], [2, 3], [2, 1], [1, 1], [2, 1]),
  window(2, [13, 11], [5, 5], [3, 2], [2, 2]),
  window(4, [6, 17], [1, 1], [1, 3]),
  window(5, [9, 8], [3, 2], [1, 2], [0, 1], [2, 3]),
  window(16, [14, 14], [3, 3], [1, 1], [1, 1]),
  window(2, [1, 1], [1, 1]),
  window(1, [4, 31], [3, 7], [2, 3], [1, 3], [1, 2]),
  // Stride 1 with outW = width (shifted-run path), dilated and padded; and a padding so wide
  // that some tap columns never land inside (those fall back to the row-by-row walk).
  window(2, [7, 9], [2, 3], [1, 1], [1, 2], [3, 2]),
  window(1, [6, 4], [3, 5], [1, 1], [2, 6], [1, 3]),
]

/** Checks `actual` against `expected` elementwise within `atol + rtol·|expected|`. */
function expectClose(actual: Float32Array, expected: Float32Array, what: string, rtol = 1e-5) {
  expect(actual.length).toBe(expected.length)
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i]! - expected[i]!) <= 1e-5 + rtol * Math.abs(expected[i]!))) {
      expect.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`)
    }
  }
}

describe('wasm im2col and col2im', () => {
  it('unfold exactly like the reference, padding and strides included', () => {
    for (const w of windows) {
      const size = w.channels * w.height * w.width
      const image = random(size + 6)
      const colLength = w.channels * w.kernelH * w.kernelW * w.outH * w.outW
      const expected = random(colLength)
      const actual = expected.slice()
      jsIm2col(image, 3, expected, w)
      wasm.im2col(image, 3, actual, w)
      expect(actual).toEqual(expected)
    }
  })

  it('fold back onto the image with += like the reference', () => {
    for (const w of windows) {
      const size = w.channels * w.height * w.width
      const col = random(w.channels * w.kernelH * w.kernelW * w.outH * w.outW)
      const expected = random(size + 5)
      const actual = expected.slice()
      jsCol2im(col, expected, 4, w)
      wasm.col2im(col, actual, 4, w)
      expectClose(actual, expected, JSON.stringify(w))
    }
  })
})

describe('wasm convolution', () => {
  const cases: Conv2dGeometry[] = [
    { ...window(1, [28, 28], [3, 3], [1, 1], [1, 1]), batch: 3, groups: 1, outChannels: 16 },
    { ...window(6, [9, 7], [3, 2], [2, 1], [1, 0], [1, 2]), batch: 2, groups: 3, outChannels: 9 },
    { ...window(4, [5, 6], [1, 1]), batch: 3, groups: 2, outChannels: 6 },
    { ...window(3, [8, 8], [1, 1], [2, 2]), batch: 2, groups: 1, outChannels: 5 },
    { ...window(5, [11, 13], [5, 3], [3, 2], [2, 1]), batch: 1, groups: 1, outChannels: 7 },
  ]

  it('runs the forward pass (with and without bias) like the reference', () => {
    for (const g of cases) {
      const input = random(g.batch * g.channels * g.height * g.width)
      const weight = random(((g.outChannels * g.channels) / g.groups) * g.kernelH * g.kernelW)
      const outLength = g.batch * g.outChannels * g.outH * g.outW
      for (const bias of [random(g.outChannels), null]) {
        const expected = new Float32Array(outLength)
        const actual = random(outLength)
        jsConv2d(input, weight, bias, expected, g)
        wasm.conv2d(input, weight, bias, actual, g)
        expectClose(actual, expected, `forward ${JSON.stringify(g)}`)
      }
    }
  })

  it('computes every requested gradient like the reference and skips the others', () => {
    for (const g of cases) {
      const input = random(g.batch * g.channels * g.height * g.width)
      const weight = random(((g.outChannels * g.channels) / g.groups) * g.kernelH * g.kernelW)
      const gradOut = random(g.batch * g.outChannels * g.outH * g.outW)
      const expected = [input, weight, new Float32Array(g.outChannels)].map((x) => x.map(() => 0))
      jsConv2dBackward(gradOut, input, weight, expected[0]!, expected[1]!, expected[2]!, g)
      for (const mask of [7, 1, 2, 4, 6]) {
        const actual = expected.map((x, i) => ((mask >> i) & 1 ? random(x.length) : null))
        const [gX, gW, gB] = [actual[0] ?? null, actual[1] ?? null, actual[2] ?? null]
        wasm.conv2dBackward(gradOut, input, weight, gX, gW, gB, g)
        actual.forEach((x, i) => {
          if (x !== null) expectClose(x, expected[i]!, `gradient ${i} of ${JSON.stringify(g)}`)
        })
      }
    }
  })
})

describe('wasm convolution block (conv2d → ReLU → maxPool2d)', () => {
  /** A convolution and a pooling window over its output, edge sizes included. */
  const blocks: [Conv2dGeometry, [number, number], [number, number], [number, number]][] = [
    [
      { ...window(1, [28, 28], [3, 3], [1, 1], [1, 1]), batch: 3, groups: 1, outChannels: 16 },
      [2, 2],
      [2, 2],
      [0, 0],
    ],
    [
      { ...window(6, [9, 7], [3, 2], [2, 1], [1, 0], [1, 2]), batch: 2, groups: 3, outChannels: 9 },
      [3, 3],
      [1, 1],
      [1, 1],
    ],
    [
      { ...window(3, [11, 13], [5, 3], [1, 2], [2, 1]), batch: 1, groups: 1, outChannels: 5 },
      [3, 2],
      [2, 3],
      [1, 0],
    ],
    [{ ...window(2, [3, 3], [1, 1]), batch: 5, groups: 1, outChannels: 7 }, [1, 1], [1, 1], [0, 0]],
  ]

  it('pools, rectifies and back-propagates like the reference', () => {
    for (const [g, kernel, stride, padding] of blocks) {
      const pool = slidingWindow(
        'test',
        [g.outH, g.outW],
        g.batch * g.outChannels,
        kernel,
        stride,
        padding,
        [1, 1],
      )
      const input = random(g.batch * g.channels * g.height * g.width)
      const weight = random(((g.outChannels * g.channels) / g.groups) * g.kernelH * g.kernelW)
      const bias = random(g.outChannels)
      const size = pool.channels * pool.outH * pool.outW
      const [expected, actual] = [0, 1].map(() => ({
        out: random(size),
        indices: new Int32Array(size).fill(-7),
        grads: [random(input.length), random(weight.length), random(g.outChannels)],
      }))
      jsConv2dReluMaxPool2d(input, weight, bias, expected!.out, expected!.indices, g, pool)
      wasm.conv2dReluMaxPool2d(input, weight, bias, actual!.out, actual!.indices, g, pool)
      const what = JSON.stringify([g, pool])
      expectClose(actual!.out, expected!.out, `block forward ${what}`)
      expect(actual!.indices).toEqual(expected!.indices)
      const gradOut = random(size)
      for (const [run, r] of [
        [jsConv2dReluMaxPool2dBackward, expected!],
        [wasm.conv2dReluMaxPool2dBackward, actual!],
      ] as const) {
        const [gX, gW, gB] = r.grads as [Float32Array, Float32Array, Float32Array]
        run(gradOut, expected!.out, expected!.indices, input, weight, gX, gW, gB, g, pool)
      }
      for (const [i, x] of actual!.grads.entries()) {
        expectClose(x, expected!.grads[i]!, `block gradient ${i} of ${what}`)
      }
    }
  })
})
