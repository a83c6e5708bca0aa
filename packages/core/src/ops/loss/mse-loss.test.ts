import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, DTypeError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { mseLoss } from './mse-loss'

const f = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('mseLoss', () => {
  const input = f([1, 2, 3, 4], [2, 2])
  const target = f([0, 2, 5, 1], [2, 2])

  it('averages, sums or keeps the squared errors', () => {
    expect(mseLoss(input, target).item()).toBeCloseTo(14 / 4, 6)
    expect(mseLoss(input, target, { reduction: 'sum' }).item()).toBe(14)
    expect(mseLoss(input, target, { reduction: 'none' }).toArray()).toEqual([
      [1, 0],
      [4, 9],
    ])
  })

  it('gives 2(x − y)/n to the input and the opposite to the target', () => {
    const x = f([1, 2, 3, 4], [2, 2], true)
    const y = f([0, 2, 5, 1], [2, 2], true)
    mseLoss(x, y).backward()
    expect(Array.from(x.grad!.data)).toEqual([0.5, 0, -1, 1.5])
    expect(Array.from(y.grad!.data)).toEqual([-0.5, -0, 1, -1.5])
  })

  it.each([['mean'], ['sum'], ['none']] as const)('passes gradCheck (%s)', (reduction) => {
    const x = f([0.3, -1.2, 2.2, 0.8, -0.1, 1.4], [3, 2], true)
    const y = f([1.1, 0.4, -0.7, 0.9, 0.2, -1.3], [3, 2], true)
    expect(gradCheck((a, b) => mseLoss(a, b, { reduction }), [x, y]).ok).toBe(true)
  })

  it('rejects mismatched shapes, int32 tensors and unknown reductions', () => {
    expect(() => mseLoss(input, f([1, 2], [2]))).toThrow(ShapeError)
    expect(() => mseLoss(input, f([1, 2], [2]))).toThrow(/\[2,2\].*\[2\]/)
    expect(() => mseLoss(input, target.toInt())).toThrow(DTypeError)
    expect(() => mseLoss(input, target, { reduction: 'max' as unknown as 'sum' })).toThrow(
      ArgumentError,
    )
  })
})
