import { describe, expect, it } from 'vitest'
import { slidingWindow } from '../../ops/conv/window'
import { Generator } from '../../random/generator'
import type { Conv2dGeometry } from '../backend'
import { jsConv2d, jsConv2dBackward } from './conv2d'

const gen = new Generator(17)
const random = (n: number) => Float32Array.from({ length: n }, () => 2 * gen.nextFloat() - 1)

function geometry(
  batch: number,
  channels: number,
  size: [number, number],
  outChannels: number,
  groups: number,
  kernel: [number, number],
  stride: [number, number],
  padding: [number, number],
  dilation: [number, number],
): Conv2dGeometry {
  const window = slidingWindow('test', size, channels, kernel, stride, padding, dilation)
  return { ...window, batch, outChannels, groups }
}

/**
 * Visits every (output, weight, input) triple of the convolution by its definition, calling
 * `visit(outIndex, weightIndex, inputIndex)` for taps inside the input.
 */
function eachTap(g: Conv2dGeometry, visit: (o: number, w: number, x: number) => void): void {
  const cg = g.channels / g.groups
  const og = g.outChannels / g.groups
  for (let n = 0; n < g.batch; n++) {
    for (let oc = 0; oc < g.outChannels; oc++) {
      const group = Math.floor(oc / og)
      for (let oy = 0; oy < g.outH; oy++) {
        for (let ox = 0; ox < g.outW; ox++) {
          const o = ((n * g.outChannels + oc) * g.outH + oy) * g.outW + ox
          for (let c = 0; c < cg; c++) {
            for (let i = 0; i < g.kernelH; i++) {
              for (let j = 0; j < g.kernelW; j++) {
                const y = oy * g.strideH - g.padH + i * g.dilationH
                const x = ox * g.strideW - g.padW + j * g.dilationW
                if (y < 0 || y >= g.height || x < 0 || x >= g.width) continue
                const ic = group * cg + c
                const w = ((oc * cg + c) * g.kernelH + i) * g.kernelW + j
                visit(o, w, ((n * g.channels + ic) * g.height + y) * g.width + x)
              }
            }
          }
        }
      }
    }
  }
}

function expectClose(actual: Float32Array, expected: Float64Array, what: string) {
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i]! - expected[i]!) <= 1e-5 + 1e-5 * Math.abs(expected[i]!))) {
      expect.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`)
    }
  }
}

const cases = [
  geometry(2, 3, [7, 6], 4, 1, [3, 3], [1, 1], [1, 1], [1, 1]),
  geometry(1, 4, [9, 8], 6, 2, [2, 3], [2, 1], [0, 2], [2, 1]),
  geometry(3, 2, [5, 5], 3, 1, [1, 1], [1, 1], [0, 0], [1, 1]),
  geometry(2, 6, [6, 7], 3, 3, [1, 1], [2, 3], [0, 0], [1, 1]),
]

describe('js conv2d kernels', () => {
  it('compute the convolution of its definition, bias included', () => {
    for (const g of cases) {
      const input = random(g.batch * g.channels * g.height * g.width)
      const weight = random(((g.outChannels * g.channels) / g.groups) * g.kernelH * g.kernelW)
      const bias = random(g.outChannels)
      const L = g.outH * g.outW
      const expected = new Float64Array(g.batch * g.outChannels * L)
      for (let o = 0; o < expected.length; o++)
        expected[o] = bias[Math.floor(o / L) % g.outChannels]!
      eachTap(g, (o, w, x) => {
        expected[o]! += weight[w]! * input[x]!
      })
      const out = random(expected.length)
      jsConv2d(input, weight, bias, out, g)
      expectClose(out, expected, `forward ${JSON.stringify(g)}`)
    }
  })

  it('compute the gradients of its definition and overwrite their arrays', () => {
    for (const g of cases) {
      const input = random(g.batch * g.channels * g.height * g.width)
      const weight = random(((g.outChannels * g.channels) / g.groups) * g.kernelH * g.kernelW)
      const gradOut = random(g.batch * g.outChannels * g.outH * g.outW)
      const gx = new Float64Array(input.length)
      const gw = new Float64Array(weight.length)
      const gb = new Float64Array(g.outChannels)
      eachTap(g, (o, w, x) => {
        gx[x]! += weight[w]! * gradOut[o]!
        gw[w]! += input[x]! * gradOut[o]!
      })
      const L = g.outH * g.outW
      for (let o = 0; o < gradOut.length; o++) gb[Math.floor(o / L) % g.outChannels]! += gradOut[o]!
      const [ax, aw, ab] = [random(gx.length), random(gw.length), random(gb.length)]
      jsConv2dBackward(gradOut, input, weight, ax, aw, ab, g)
      expectClose(ax, gx, 'input gradient')
      expectClose(aw, gw, 'weight gradient')
      expectClose(ab, gb, 'bias gradient')
      const onlyBias = random(gb.length)
      jsConv2dBackward(gradOut, input, weight, null, null, onlyBias, g)
      expect(onlyBias).toEqual(ab)
    }
  })
})
