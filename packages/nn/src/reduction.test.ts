import { ArgumentError, DTypeError, ShapeError, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { checkPair, checkReduction, reduceLoss } from './reduction'

describe('loss reductions', () => {
  it('takes the mean, the sum, or the losses themselves', () => {
    const losses = tensor([1, 2, 6])
    expect(reduceLoss(losses, 'mean').item()).toBe(3)
    expect(reduceLoss(losses, 'sum').item()).toBe(9)
    expect(reduceLoss(losses, 'none')).toBe(losses)
  })

  it('refuses an unknown reduction and mismatched input/target pairs', () => {
    expect(() => checkReduction('l1Loss', 'avg')).toThrow(
      `l1Loss: unknown reduction "avg" (help: use 'mean', 'sum' or 'none')`,
    )
    expect(() => checkReduction('l1Loss', 'sum')).not.toThrow()
    expect(() => checkPair('l1Loss', tensor([[1], [2]]), tensor([1, 2]))).toThrow(ShapeError)
    expect(() => checkPair('l1Loss', tensor([[1], [2]]), tensor([1, 2]))).toThrow(
      'l1Loss: input [2,1] and target [2] differ in shape',
    )
    expect(() => checkPair('l1Loss', tensor([1, 2]), tensor([1, 2], { dtype: 'int32' }))).toThrow(
      DTypeError,
    )
    expect(() => checkReduction('x', undefined)).toThrow(ArgumentError)
  })
})
