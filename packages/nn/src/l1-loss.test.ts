import { Generator, gradCheck, randn, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { L1Loss, l1Loss } from './l1-loss'

describe('l1Loss', () => {
  it('averages, sums or keeps |input − target|', () => {
    const x = tensor([1, -2, 3])
    const y = tensor([0, 0, 3])
    expect(l1Loss(x, y).item()).toBe(1)
    expect(l1Loss(x, y, { reduction: 'sum' }).item()).toBe(3)
    expect(Array.from(l1Loss(x, y, { reduction: 'none' }).data)).toEqual([1, 2, 0])
    expect(new L1Loss({ reduction: 'sum' }).forward(x, y).item()).toBe(3)
  })

  it('passes gradCheck for input and target, and gives 0 where they are equal', () => {
    const g = new Generator(14)
    const x = randn([3, 4], { generator: g, requiresGrad: true })
    const y = x
      .detach()
      .add(randn([3, 4], { generator: g }))
      .requiresGrad_()
    const result = gradCheck((a, b) => l1Loss(a!, b!), [x, y])
    expect(result.ok, JSON.stringify(result.failures)).toBe(true)
    const same = tensor([1, 2], { requiresGrad: true })
    l1Loss(same, tensor([1, 0])).backward()
    expect(Array.from(same.grad!.data)).toEqual([0, 0.5])
  })
})
