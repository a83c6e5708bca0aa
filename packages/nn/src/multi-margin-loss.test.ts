import { ArgumentError, DTypeError, gradCheck, ShapeError, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { MultiMarginLoss, multiMarginLoss } from './multi-margin-loss'

const int = (values: number[]) => tensor(values, { dtype: 'int32' })

describe('multiMarginLoss', () => {
  it('sums the hinges max(0, margin − x_y + x_i) over the other classes, over C', () => {
    const x = tensor([
      [0.1, 0.2, 0.4, 0.8],
      [3, 0, 0, 0],
    ])
    const y = int([3, 0])
    // Sample 0: hinges 0.3, 0.4, 0.6 over 4 classes; sample 1: all beaten by the margin.
    expect(Array.from(multiMarginLoss(x, y, { reduction: 'none' }).data)).toEqual([
      Math.fround(1.3 / 4),
      0,
    ])
    expect(multiMarginLoss(x, y, { p: 2, margin: 0.5, reduction: 'sum' }).item()).toBeCloseTo(
      (0 + 0 + 0.01) / 4,
      6,
    )
    const w = tensor([1, 1, 1, 2])
    expect(multiMarginLoss(x, y, { weight: w }).item()).toBeCloseTo((2 * 1.3) / 4 / 2, 6)
    expect(multiMarginLoss(tensor([0.1, 0.2, 0.4, 0.8]), int([3]).reshape([])).item()).toBeCloseTo(
      1.3 / 4,
      6,
    )
  })

  it('passes gradCheck with p = 1 and p = 2 away from the hinge kinks', () => {
    const x = tensor([
      [0.3, -1.1, 0.9, 2.4],
      [1.7, 0.2, -0.6, 0.45],
      [-0.5, 0.8, 1.2, 0.1],
    ]).requiresGrad_()
    const y = int([2, 0, 3])
    const weight = tensor([0.5, 1, 1.5, 2])
    for (const p of [1, 2] as const) {
      const result = gradCheck((a) => multiMarginLoss(a!, y, { p, weight }), [x])
      expect(result.ok, `p=${p}: ${JSON.stringify(result.failures)}`).toBe(true)
    }
  })

  it('is a module with class weights as a buffer', () => {
    const loss = new MultiMarginLoss({ margin: 2, weight: tensor([1, 3]) })
    expect(Object.keys(loss.stateDict())).toEqual(['weight'])
    expect(loss.forward(tensor([[0, 0]]), int([1])).item()).toBe((3 * 2) / 2)
  })

  it('explains bad p, targets, shapes and dtypes', () => {
    const x = tensor([[1, 2, 3]])
    expect(() => multiMarginLoss(x, int([0]), { p: 3 as never })).toThrow(
      'multiMarginLoss: p must be 1 or 2, got 3',
    )
    expect(() => multiMarginLoss(x, int([3]))).toThrow(/out of range for 3 classes/)
    expect(() => multiMarginLoss(x, int([0, 1]))).toThrow(ShapeError)
    expect(() => multiMarginLoss(x, tensor([0]))).toThrow(DTypeError)
    expect(() => multiMarginLoss(x, int([0]), { margin: Number.NaN })).toThrow(ArgumentError)
    expect(() => multiMarginLoss(x, int([0]), { weight: tensor([1]) })).toThrow(ShapeError)
  })
})
