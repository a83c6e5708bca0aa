import { crossEntropy, Generator, randn, softmax, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { CrossEntropyLoss } from './cross-entropy-loss'

const g = new Generator(18)

describe('CrossEntropyLoss', () => {
  it('is core’s crossEntropy with its options, for index and soft targets', () => {
    const logits = randn([4, 3], { generator: g })
    const target = tensor([0, 2, 1, 1], { dtype: 'int32' })
    const options = { ignoreIndex: 1, labelSmoothing: 0.2, reduction: 'sum' } as const
    expect(new CrossEntropyLoss(options).forward(logits, target).item()).toBe(
      crossEntropy(logits, target, options).item(),
    )
    const soft = softmax(randn([4, 3], { generator: g }), 1)
    expect(new CrossEntropyLoss().forward(logits, soft).item()).toBe(
      crossEntropy(logits, soft).item(),
    )
  })

  it('keeps class weights as the buffer weight and applies them', () => {
    const weight = tensor([1, 3, 0.5])
    const loss = new CrossEntropyLoss({ weight })
    expect(Object.keys(loss.stateDict())).toEqual(['weight'])
    const logits = randn([4, 3], { generator: g })
    const target = tensor([0, 2, 1, 1], { dtype: 'int32' })
    expect(loss.forward(logits, target).item()).toBe(
      crossEntropy(logits, target, { weight }).item(),
    )
    expect(Object.keys(new CrossEntropyLoss().stateDict())).toEqual([])
  })
})
