import {
  ArgumentError,
  DTypeError,
  Generator,
  gradCheck,
  logSoftmax,
  randn,
  ShapeError,
  tensor,
} from '@knack/core'
import { describe, expect, it } from 'vitest'
import { NLLLoss, nllLoss } from './nll-loss'

const g = new Generator(16)
const int = (values: number[]) => tensor(values, { dtype: 'int32' })

describe('nllLoss', () => {
  it('picks −w_y·input[y] and divides the mean by Σ w_y of the kept samples', () => {
    const input = tensor([
      [-1, -2, -3],
      [-4, -5, -6],
      [-7, -8, -9],
    ])
    const target = int([2, 0, 1])
    expect(nllLoss(input, target).item()).toBeCloseTo((3 + 4 + 8) / 3, 6)
    const weight = tensor([1, 2, 3])
    expect(nllLoss(input, target, { weight, reduction: 'sum' }).item()).toBe(9 + 4 + 16)
    expect(nllLoss(input, target, { weight }).item()).toBeCloseTo(29 / 6, 6)
    expect(nllLoss(input, target, { weight, ignoreIndex: 0 }).item()).toBeCloseTo(25 / 5, 6)
    expect(Array.from(nllLoss(input, target, { reduction: 'none' }).data)).toEqual([3, 4, 8])
    expect(nllLoss(input, int([1, 1, 1]), { ignoreIndex: 1 }).item()).toBeNaN()
    expect(nllLoss(tensor([-1, -2]), int([1]).reshape([])).item()).toBe(2)
  })

  it('passes gradCheck with spatial dimensions, weights and an ignored index', () => {
    const x = logSoftmax(randn([2, 3, 2, 2], { generator: g }), 1)
      .detach()
      .requiresGrad_()
    const target = int([0, 1, 2, 1, 2, 2, 0, 1]).reshape([2, 2, 2])
    const weight = tensor([0.5, 1.5, 2])
    const result = gradCheck((a) => nllLoss(a!, target, { weight, ignoreIndex: 2 }), [x])
    expect(result.ok, JSON.stringify(result.failures)).toBe(true)
  })

  it('keeps class weights as a buffer in the module', () => {
    const loss = new NLLLoss({ weight: tensor([1, 2]) })
    expect(Object.keys(loss.stateDict())).toEqual(['weight'])
    expect(loss.forward(tensor([[-1, -2]]), int([1])).item()).toBe(2)
    expect(Object.keys(new NLLLoss().stateDict())).toEqual([])
  })

  it('explains bad targets, shapes, dtypes and weights', () => {
    const x = randn([2, 3], { generator: g })
    expect(() => nllLoss(x, int([0, 3]))).toThrow(
      'nllLoss: target 3 at position 1 is out of range for 3 classes',
    )
    expect(() => nllLoss(x, int([0]))).toThrow(ShapeError)
    expect(() => nllLoss(x, tensor([0, 1]))).toThrow(DTypeError)
    expect(() => nllLoss(x, int([0, 1]), { weight: tensor([1, 2]) })).toThrow(
      'nllLoss: weight must be float32 of shape [3] (one per class), got float32 [2]',
    )
    expect(() => nllLoss(x, int([0, 1]), { reduction: 'avg' as never })).toThrow(ArgumentError)
  })
})
