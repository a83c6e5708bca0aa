import {
  ArgumentError,
  avgPool2d,
  DTypeError,
  Generator,
  gradCheck,
  randn,
  ShapeError,
  tensor,
} from '@knack/core'
import { describe, expect, it } from 'vitest'
import { AdaptiveAvgPool2d, adaptiveAvgPool2d } from './adaptive-avg-pool2d'

describe('adaptiveAvgPool2d', () => {
  it('averages overlapping windows ⌊i·H/oh⌋ … ⌈(i+1)·H/oh⌉', () => {
    const x = tensor([[[1, 2, 3, 4, 5]]])
    // Width 5 into 3 cells: columns [0, 2), [1, 4), [3, 5).
    expect(adaptiveAvgPool2d(x, [1, 3]).toArray()).toEqual([[[1.5, 3, 4.5]]])
  })

  it('equals average pooling when the sizes divide, and global pooling for size 1', () => {
    const x = randn([2, 3, 6, 4], { generator: new Generator(1) })
    const a = adaptiveAvgPool2d(x, [3, 2])
    const b = avgPool2d(x, { kernelSize: 2 })
    for (let i = 0; i < a.size; i++) expect(a.data[i]).toBeCloseTo(b.data[i]!, 6)
    const global = adaptiveAvgPool2d(x, 1)
    expect(global.shape).toEqual([2, 3, 1, 1])
    expect(global.data[0]).toBeCloseTo(x.reshape([2, 3, 24]).mean(2).data[0]!, 6)
  })

  it('keeps a dimension given as null and passes gradCheck, also when enlarging', () => {
    const g = new Generator(2)
    const x = randn([2, 2, 5, 7], { generator: g, requiresGrad: true })
    expect(adaptiveAvgPool2d(x, [null, 3]).shape).toEqual([2, 2, 5, 3])
    for (const size of [[3, 4], [7, 9], 2] as const) {
      const result = gradCheck((t) => adaptiveAvgPool2d(t!, size), [x])
      expect(result.ok, `${size}: ${JSON.stringify(result.failures)}`).toBe(true)
    }
    const unbatched = randn([3, 4, 4], { generator: g, requiresGrad: true })
    expect(gradCheck((t) => adaptiveAvgPool2d(t!, [3, 3]), [unbatched]).ok).toBe(true)
  })

  it('explains bad sizes, shapes and dtypes', () => {
    const x = randn([1, 1, 4, 4])
    expect(() => adaptiveAvgPool2d(x, 0)).toThrow(ArgumentError)
    expect(() => adaptiveAvgPool2d(x, [2, 2.5])).toThrow(/outputSize must be a positive integer/)
    expect(() => adaptiveAvgPool2d(randn([4, 4]), 2)).toThrow(
      'adaptiveAvgPool2d: expected input [N, C, H, W] or [C, H, W], got [4,4]',
    )
    expect(() => adaptiveAvgPool2d(randn([1, 0, 4]), 2)).toThrow(ShapeError)
    expect(() => adaptiveAvgPool2d(x.toInt(), 2)).toThrow(DTypeError)
    expect(() => new AdaptiveAvgPool2d([0, 1])).toThrow(ArgumentError)
  })

  it('is a module without parameters', () => {
    const pool = new AdaptiveAvgPool2d([2, 1])
    expect(pool.forward(randn([3, 2, 5, 5])).shape).toEqual([3, 2, 2, 1])
    expect(pool.parameters()).toEqual([])
  })
})
