import { ArgumentError, Generator, gradCheck, randn, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { HuberLoss, huberLoss } from './huber-loss'

describe('huberLoss', () => {
  it('is quadratic inside delta and linear outside', () => {
    const x = tensor([0.5, 3, -4])
    const y = tensor([0, 0, 0])
    // ½·0.25, 1·(3 − ½), 1·(4 − ½)
    expect(Array.from(huberLoss(x, y, { reduction: 'none' }).data)).toEqual([0.125, 2.5, 3.5])
    // delta 2: ½·0.25, 2·(3 − 1), 2·(4 − 1)
    expect(huberLoss(x, y, { delta: 2, reduction: 'sum' }).item()).toBe(0.125 + 4 + 6)
    expect(new HuberLoss({ delta: 2 }).forward(x, y).item()).toBeCloseTo((0.125 + 4 + 6) / 3, 6)
  })

  it('passes gradCheck on both sides of delta', () => {
    const g = new Generator(15)
    const x = randn([4, 5], { generator: g }).mul(2).requiresGrad_()
    const y = randn([4, 5], { generator: g, requiresGrad: true })
    const result = gradCheck((a, b) => huberLoss(a!, b!, { delta: 0.7 }), [x, y])
    expect(result.ok, JSON.stringify(result.failures)).toBe(true)
  })

  it('refuses a delta that is not positive', () => {
    expect(() => huberLoss(tensor([1]), tensor([0]), { delta: 0 })).toThrow(ArgumentError)
    expect(() => huberLoss(tensor([1]), tensor([0]), { delta: -1 })).toThrow(
      'huberLoss: delta must be a finite number > 0, got -1',
    )
  })
})
