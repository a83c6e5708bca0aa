import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, DTypeError, ShapeError } from '../../errors'
import { sizeOf } from '../../shape'
import { Tensor } from '../../tensor'
import { type Conv2dOptions, conv2d } from './conv2d'

const random = (shape: number[], seed: number, requiresGrad = true) =>
  new Tensor(
    Float32Array.from(
      { length: sizeOf(shape) },
      (_, i) => ((Math.sin(seed * 97.1 + i * 12.9898) * 43758.5453) % 1) * 2,
    ),
    shape,
    requiresGrad,
  )

const hw = (v: number | readonly [number, number] | undefined, d: number) =>
  v === undefined ? [d, d] : typeof v === 'number' ? [v, v] : [v[0], v[1]]

/** Direct seven-loop convolution in float64, straight from the definition. */
function direct(
  x: Tensor,
  w: Tensor,
  b: Tensor | null,
  o: Conv2dOptions,
): { shape: number[]; data: number[] } {
  const [N, C, H, W] = x.shape as number[]
  const [O, Cg, kh, kw] = w.shape as number[]
  const groups = o.groups ?? 1
  const [sh, sw] = hw(o.stride, 1)
  const [ph, pw] = hw(o.padding, 0)
  const [dh, dw] = hw(o.dilation, 1)
  const Ho = Math.floor((H! + 2 * ph! - dh! * (kh! - 1) - 1) / sh!) + 1
  const Wo = Math.floor((W! + 2 * pw! - dw! * (kw! - 1) - 1) / sw!) + 1
  const data: number[] = []
  for (let n = 0; n < N!; n++) {
    for (let oc = 0; oc < O!; oc++) {
      const g = Math.floor(oc / (O! / groups))
      for (let y = 0; y < Ho; y++) {
        for (let xo = 0; xo < Wo; xo++) {
          let s = b ? b.data[oc]! : 0
          for (let c = 0; c < Cg!; c++) {
            for (let i = 0; i < kh!; i++) {
              for (let j = 0; j < kw!; j++) {
                const yy = y * sh! - ph! + i * dh!
                const xx = xo * sw! - pw! + j * dw!
                if (yy < 0 || yy >= H! || xx < 0 || xx >= W!) continue
                const ic = g * Cg! + c
                s +=
                  x.data[((n * C! + ic) * H! + yy) * W! + xx]! *
                  w.data[((oc * Cg! + c) * kh! + i) * kw! + j]!
              }
            }
          }
          data.push(s)
        }
      }
    }
  }
  return { shape: [N!, O!, Ho, Wo], data }
}

const configs: [string, number[], number[], boolean, Conv2dOptions][] = [
  ['plain 3x3', [2, 3, 5, 6], [4, 3, 3, 3], true, {}],
  ['stride 2, padding 1', [2, 2, 7, 6], [3, 2, 3, 3], false, { stride: 2, padding: 1 }],
  ['dilation 2, padding 2', [1, 2, 7, 7], [2, 2, 3, 3], true, { dilation: 2, padding: 2 }],
  ['groups 2', [2, 4, 5, 5], [6, 2, 3, 2], true, { groups: 2, padding: [1, 0] }],
  [
    'depthwise, rectangular stride',
    [1, 3, 6, 7],
    [3, 1, 2, 3],
    false,
    { groups: 3, stride: [2, 1] },
  ],
  ['pointwise 1x1', [2, 4, 3, 3], [5, 4, 1, 1], true, {}],
  ['pointwise 1x1, groups 2', [2, 4, 3, 2], [6, 2, 1, 1], false, { groups: 2, dilation: 3 }],
  ['1x1 with stride 2', [1, 2, 5, 5], [2, 2, 1, 1], true, { stride: 2 }],
  [
    'padding wider than the kernel',
    [1, 1, 3, 4],
    [2, 1, 2, 2],
    true,
    { padding: [3, 2], stride: [2, 3] },
  ],
]

describe('conv2d', () => {
  it('cross-correlates a small image', () => {
    const x = new Tensor(
      Float32Array.from({ length: 9 }, (_, i) => i + 1),
      [1, 1, 3, 3],
    )
    const w = new Tensor(Float32Array.of(1, 0, 0, -1), [1, 1, 2, 2])
    expect(conv2d(x, w, new Tensor(Float32Array.of(10), [1])).toArray()).toEqual([
      [
        [
          [6, 6],
          [6, 6],
        ],
      ],
    ])
    expect(conv2d(x, w, null, { padding: 1, stride: 2 }).toArray()).toEqual([
      [
        [
          [-1, -3],
          [-7, -4],
        ],
      ],
    ])
  })

  for (const [name, sx, sw, withBias, options] of configs) {
    it(`matches the definition (${name})`, () => {
      const x = random(sx, 1, false)
      const w = random(sw, 2, false)
      const b = withBias ? random([sw[0]!], 3, false) : null
      const got = conv2d(x, w, b, options)
      const want = direct(x, w, b, options)
      expect(got.shape).toEqual(want.shape)
      want.data.forEach((v, i) => {
        expect(Math.abs(got.data[i]! - v)).toBeLessThanOrEqual(1e-5 + 1e-5 * Math.abs(v))
      })
    })

    it(`passes gradCheck (${name})`, () => {
      const inputs = [random(sx, 4), random(sw, 5)]
      if (withBias) inputs.push(random([sw[0]!], 6))
      const result = gradCheck((x, w, b) => conv2d(x!, w!, b, options), inputs)
      expect(result.failures).toEqual([])
      expect(result.ok).toBe(true)
    })
  }

  it('accepts an unbatched [C, H, W] input', () => {
    const x = random([2, 5, 4], 1)
    const w = random([3, 2, 2, 2], 2)
    const y = conv2d(x, w, null, { padding: 1 })
    expect(y.shape).toEqual([3, 6, 5])
    expect(Array.from(y.data)).toEqual(
      Array.from(conv2d(x.reshape([1, 2, 5, 4]), w, null, { padding: 1 }).data),
    )
    expect(gradCheck((a, b) => conv2d(a!, b!, null, { stride: 2 }), [x, w]).ok).toBe(true)
  })

  it('sends gradients only to inputs that need them', () => {
    const x = random([1, 2, 4, 4], 1, false)
    const w = random([2, 2, 3, 3], 2)
    const b = random([2], 3, false)
    conv2d(x, w, b).sum().backward()
    expect(x.grad).toBeNull()
    expect(b.grad).toBeNull()
    expect(w.grad!.shape).toEqual([2, 2, 3, 3])
  })

  it('explains bad channel counts, shapes and arguments', () => {
    const x = random([1, 4, 5, 5], 1, false)
    expect(() => conv2d(x, random([2, 3, 3, 3], 2, false))).toThrow(ShapeError)
    expect(() => conv2d(x, random([2, 3, 3, 3], 2, false))).toThrow(
      'conv2d: input [1,4,5,5] has 4 channels, but weight [2,3,3,3] with groups = 1 expects in_channels = 3·1 = 3 (help: the weight is [out_channels, in_channels / groups, kH, kW]; check in_channels and groups)',
    )
    expect(() => conv2d(x, random([2, 4, 3, 3], 2, false), null, { groups: 2 })).toThrow(
      /expects in_channels = 4·2 = 8/,
    )
    expect(() => conv2d(x, random([3, 2, 3, 3], 2, false), null, { groups: 2 })).toThrow(
      'conv2d: out_channels = 3 (weight [3,2,3,3]) is not divisible by groups = 2',
    )
    expect(() => conv2d(x, random([2, 4, 7, 7], 2, false))).toThrow(
      'conv2d: kernel 7x7 (extent 7x7 with dilation 1x1) is bigger than the padded input 5x5 (input [1,4,5,5], padding 0x0)',
    )
    expect(() => conv2d(x, random([2, 4, 3, 3], 2, false), null, { dilation: 3 })).toThrow(
      /extent 7x7/,
    )
    expect(() => conv2d(x, random([2, 4, 3, 3], 2, false), random([3], 3, false))).toThrow(
      /bias \[3\] does not match weight \[2,4,3,3\]/,
    )
    expect(() => conv2d(random([4, 5, 5], 1).reshape([20, 5]), random([2, 4, 3, 3], 2))).toThrow(
      /expected input \[N, C, H, W\]/,
    )
    expect(() => conv2d(x, random([2, 4, 3], 2))).toThrow(/expected weight/)
    expect(() => conv2d(x, random([2, 4, 3, 3], 2), null, { stride: 0 })).toThrow(ArgumentError)
    expect(() => conv2d(x, random([2, 4, 3, 3], 2), null, { padding: -1 })).toThrow(
      /padding must be/,
    )
    expect(() => conv2d(x, random([2, 4, 3, 3], 2), null, { groups: 1.5 })).toThrow(
      /groups must be/,
    )
    expect(() => conv2d(x.toInt(), random([2, 4, 3, 3], 2))).toThrow(DTypeError)
  })
})
