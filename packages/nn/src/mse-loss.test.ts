import { mseLoss, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { MSELoss } from './mse-loss'

describe('MSELoss', () => {
  it('is core’s mseLoss with its reduction', () => {
    const x = tensor([1, 2, 4])
    const y = tensor([0, 2, 2])
    expect(new MSELoss().forward(x, y).item()).toBeCloseTo(5 / 3, 6)
    expect(new MSELoss({ reduction: 'sum' }).forward(x, y).item()).toBe(5)
    expect(Array.from(new MSELoss({ reduction: 'none' }).forward(x, y).data)).toEqual(
      Array.from(mseLoss(x, y, { reduction: 'none' }).data),
    )
  })
})
