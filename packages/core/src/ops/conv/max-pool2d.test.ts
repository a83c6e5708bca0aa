import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, DTypeError, ShapeError } from '../../errors'
import { sizeOf } from '../../shape'
import { Tensor } from '../../tensor'
import { type MaxPool2dOptions, maxPool2d } from './max-pool2d'

/** Distinct values at least 0.1 apart, so that finite differences never swap a maximum. */
const distinct = (shape: number[], requiresGrad = true) => {
  const n = sizeOf(shape)
  return new Tensor(
    Float32Array.from({ length: n }, (_, i) => ((i * 7919) % n) * 0.1 - n * 0.05),
    shape,
    requiresGrad,
  )
}

describe('maxPool2d', () => {
  it('takes the maximum of each window, padding counting as −∞', () => {
    const x = new Tensor(Float32Array.of(1, -2, 3, -4, 5, -6, 7, -8, 9, -1, -1, -1), [1, 1, 3, 4])
    expect(maxPool2d(x, { kernelSize: 2 }).toArray()).toEqual([[[[5, 7]]]])
    expect(maxPool2d(x, { kernelSize: 2, stride: 1 }).toArray()).toEqual([
      [
        [
          [5, 7, 7],
          [9, 7, 7],
        ],
      ],
    ])
    const neg = new Tensor(Float32Array.of(-5, -6, -7, -8), [1, 2, 2])
    expect(maxPool2d(neg, { kernelSize: 2, stride: 2, padding: 1 }).toArray()).toEqual([
      [
        [-5, -6],
        [-7, -8],
      ],
    ])
  })

  it('sends the gradient to the maximum of each window, summing over overlaps', () => {
    const x = new Tensor(Float32Array.of(1, 2, 3, 4, 9, 5, 6, 7, 8), [1, 1, 3, 3], true)
    maxPool2d(x, { kernelSize: 2, stride: 1 }).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([0, 0, 0, 0, 4, 0, 0, 0, 0])
  })

  const configs: [number[], MaxPool2dOptions][] = [
    [[2, 2, 4, 6], { kernelSize: 2 }],
    [[1, 3, 5, 5], { kernelSize: 3, stride: 2, padding: 1 }],
    [[2, 1, 7, 6], { kernelSize: 3, stride: 1, padding: 1, dilation: 2 }],
    [[1, 2, 5, 7], { kernelSize: [2, 3], stride: [1, 2], padding: [1, 1] }],
    [[2, 5, 4], { kernelSize: 2, stride: 1 }],
  ]
  it.each(configs)('passes gradCheck for input %j with %j', (shape, options) => {
    const result = gradCheck((x) => maxPool2d(x!, options), [distinct(shape)])
    expect(result.failures).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('explains bad inputs and options', () => {
    const x = distinct([1, 1, 4, 4], false)
    expect(() => maxPool2d(x, { kernelSize: 3, padding: 2 })).toThrow(ArgumentError)
    expect(() => maxPool2d(x, { kernelSize: 3, padding: 2 })).toThrow(
      'maxPool2d: padding 2x2 is more than half the kernel size 3x3 (help: use padding of at most 1x1)',
    )
    expect(() => maxPool2d(x, { kernelSize: 5 })).toThrow(ShapeError)
    expect(() => maxPool2d(x, { kernelSize: 5 })).toThrow(
      /kernel 5x5 .* is bigger than the padded input 4x4/,
    )
    expect(() => maxPool2d(x, { kernelSize: 0 })).toThrow(/kernelSize must be an integer ≥ 1/)
    expect(() => maxPool2d(distinct([4, 4], false), { kernelSize: 2 })).toThrow(
      /expected input \[N, C, H, W\]/,
    )
    expect(() => maxPool2d(x.toInt(), { kernelSize: 2 })).toThrow(DTypeError)
  })
})
