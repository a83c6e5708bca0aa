import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, ShapeError } from '../../errors'
import { sizeOf } from '../../shape'
import { Tensor } from '../../tensor'
import { type AvgPool2dOptions, avgPool2d } from './avg-pool2d'

const random = (shape: number[], seed: number, requiresGrad = true) =>
  new Tensor(
    Float32Array.from(
      { length: sizeOf(shape) },
      (_, i) => ((Math.sin(seed * 97.1 + i * 12.9898) * 43758.5453) % 1) * 2,
    ),
    shape,
    requiresGrad,
  )

describe('avgPool2d', () => {
  it('averages each window, counting the padding or not', () => {
    const x = new Tensor(
      Float32Array.from({ length: 9 }, (_, i) => i + 1),
      [1, 1, 3, 3],
    )
    expect(avgPool2d(x, { kernelSize: 2, stride: 1 }).toArray()).toEqual([
      [
        [
          [3, 4],
          [6, 7],
        ],
      ],
    ])
    // Padded 5×5, windows of 2 with stride 2: corners see 1, 3, 7, 9 plus padding.
    expect(avgPool2d(x, { kernelSize: 2, padding: 1 }).toArray()).toEqual([
      [
        [
          [0.25, (2 + 3) / 4],
          [(4 + 7) / 4, (5 + 6 + 8 + 9) / 4],
        ],
      ],
    ])
    expect(avgPool2d(x, { kernelSize: 2, padding: 1, countIncludePad: false }).toArray()).toEqual([
      [
        [
          [1, 2.5],
          [5.5, 7],
        ],
      ],
    ])
  })

  const configs: [number[], AvgPool2dOptions][] = [
    [[2, 2, 4, 6], { kernelSize: 2 }],
    [[1, 3, 5, 5], { kernelSize: 3, stride: 2, padding: 1 }],
    [[1, 2, 5, 6], { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }],
    [[2, 1, 6, 7], { kernelSize: [2, 3], stride: [1, 2], padding: [1, 1], countIncludePad: false }],
    [[3, 4, 4], { kernelSize: 3, stride: 1, padding: 1 }],
  ]
  it.each(configs)('passes gradCheck for input %j with %j', (shape, options) => {
    const result = gradCheck((x) => avgPool2d(x!, options), [random(shape, 1)])
    expect(result.failures).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('explains bad options', () => {
    const x = random([1, 1, 4, 4], 1, false)
    expect(() => avgPool2d(x, { kernelSize: 2, padding: 2 })).toThrow(ArgumentError)
    expect(() => avgPool2d(x, { kernelSize: [2, 4], padding: [1, 3] })).toThrow(
      'avgPool2d: padding 1x3 is more than half the kernel size 2x4 (help: use padding of at most 1x2)',
    )
    expect(() => avgPool2d(x, { kernelSize: [5, 1] })).toThrow(ShapeError)
    expect(() => avgPool2d(x, { kernelSize: 2, stride: [1, 0] })).toThrow(/stride must be/)
  })
})
