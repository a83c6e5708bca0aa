import { DTypeError, Generator, gradCheck, rand, randn, ShapeError, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { BCEWithLogitsLoss, binaryCrossEntropyWithLogits } from './binary-cross-entropy-with-logits'

const g = new Generator(17)
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v))

describe('binaryCrossEntropyWithLogits', () => {
  it('equals −[p·y·ln σ(x) + (1 − y)·ln(1 − σ(x))]·w', () => {
    const x = tensor([0.3, -1.2, 2])
    const y = tensor([1, 0, 0.25])
    const w = [2, 1, 0.5]
    const p = [3, 3, 3]
    const want = [0, 1, 2].map((i) => {
      const s = sigmoid(x.data[i]!)
      const t = y.data[i]!
      return -w[i]! * (p[i]! * t * Math.log(s) + (1 - t) * Math.log(1 - s))
    })
    const out = binaryCrossEntropyWithLogits(x, y, {
      weight: tensor(w),
      posWeight: tensor([3]),
      reduction: 'none',
    })
    for (let i = 0; i < 3; i++) expect(out.data[i]).toBeCloseTo(want[i]!, 5)
  })

  it('stays finite for large logits', () => {
    const loss = binaryCrossEntropyWithLogits(tensor([200, -200]), tensor([0, 1]), {
      reduction: 'none',
    })
    expect(Array.from(loss.data)).toEqual([200, 200])
  })

  it('passes gradCheck for logits and targets with per-class weights broadcast', () => {
    const x = randn([3, 4], { generator: g }).mul(2).requiresGrad_()
    const y = rand([3, 4], { generator: g, requiresGrad: true })
    const weight = rand([4], { generator: g })
    const posWeight = rand([4], { generator: g }).mul(3)
    const result = gradCheck(
      (a, b) => binaryCrossEntropyWithLogits(a!, b!, { weight, posWeight }),
      [x, y],
    )
    expect(result.ok, JSON.stringify(result.failures)).toBe(true)
  })

  it('keeps the weights as PyTorch’s buffers in the module', () => {
    const loss = new BCEWithLogitsLoss({ posWeight: tensor([2]), reduction: 'sum' })
    expect(Object.keys(loss.stateDict())).toEqual(['pos_weight'])
    expect(loss.forward(tensor([0]), tensor([1])).item()).toBeCloseTo(2 * Math.LN2, 6)
  })

  it('explains weights that do not broadcast and non-float targets', () => {
    const x = randn([3, 4], { generator: g })
    expect(() => binaryCrossEntropyWithLogits(x, x, { posWeight: tensor([1, 2, 3]) })).toThrow(
      'binaryCrossEntropyWithLogits: posWeight [3] does not broadcast to the input [3,4]',
    )
    expect(() =>
      binaryCrossEntropyWithLogits(x, x, { weight: tensor([1], { dtype: 'int32' }) }),
    ).toThrow(DTypeError)
    expect(() => binaryCrossEntropyWithLogits(x, randn([4, 3]))).toThrow(ShapeError)
  })
})
