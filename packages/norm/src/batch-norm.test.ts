import { Generator, randn, ShapeError, type Tensor, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { BatchNorm1d, BatchNorm2d } from './batch-norm'

const gen = new Generator(3)
const sample = (shape: number[], scale = 1, shift = 0): Tensor => {
  const t = randn(shape, { generator: gen })
  for (let i = 0; i < t.size; i++) t.data[i] = t.data[i]! * scale + shift
  return t
}

/** Per-channel mean and unbiased variance of a [N, C] batch, in float64. */
function columnStats(x: Tensor): { mean: number[]; variance: number[] } {
  const [n, c] = x.shape as [number, number]
  const mean: number[] = []
  const variance: number[] = []
  for (let j = 0; j < c; j++) {
    let s = 0
    for (let i = 0; i < n; i++) s += x.data[i * c + j]!
    const m = s / n
    let q = 0
    for (let i = 0; i < n; i++) q += (x.data[i * c + j]! - m) ** 2
    mean.push(m)
    variance.push(q / (n - 1))
  }
  return { mean, variance }
}

describe('BatchNorm1d / BatchNorm2d', () => {
  it("has PyTorch's parameters, buffers and state-dict order", () => {
    const bn = new BatchNorm2d(3)
    expect(Object.keys(bn.stateDict())).toEqual([
      'weight',
      'bias',
      'running_mean',
      'running_var',
      'num_batches_tracked',
    ])
    expect(bn.namedParameters().map(([n]) => n)).toEqual(['weight', 'bias'])
    expect(Array.from(bn.weight!.data)).toEqual([1, 1, 1])
    expect(Array.from(bn.bias!.data)).toEqual([0, 0, 0])
    expect(Array.from(bn.running_mean!.data)).toEqual([0, 0, 0])
    expect(Array.from(bn.running_var!.data)).toEqual([1, 1, 1])
    expect(bn.num_batches_tracked!.dtype).toBe('int32')
    expect(bn.num_batches_tracked!.shape).toEqual([])
  })

  it('leaves out what affine: false and trackRunningStats: false turn off', () => {
    const bn = new BatchNorm1d(4, { affine: false, trackRunningStats: false })
    expect(Object.keys(bn.stateDict())).toEqual([])
    expect(bn.weight).toBeNull()
    expect(bn.running_mean).toBeNull()
  })

  it('updates the running statistics with momentum 0.1 and counts batches', () => {
    const bn = new BatchNorm1d(2)
    const x1 = sample([6, 2], 2, 1)
    const x2 = sample([6, 2], 0.5, -1)
    bn.forward(x1)
    bn.forward(x2)
    const s1 = columnStats(x1)
    const s2 = columnStats(x2)
    for (let j = 0; j < 2; j++) {
      const mean = 0.9 * (0.9 * 0 + 0.1 * s1.mean[j]!) + 0.1 * s2.mean[j]!
      const variance = 0.9 * (0.9 * 1 + 0.1 * s1.variance[j]!) + 0.1 * s2.variance[j]!
      expect(bn.running_mean!.data[j]).toBeCloseTo(mean, 5)
      expect(bn.running_var!.data[j]).toBeCloseTo(variance, 5)
    }
    expect(bn.num_batches_tracked!.item()).toBe(2)
  })

  it('with momentum null keeps the cumulative average of the batch statistics', () => {
    const bn = new BatchNorm1d(3, { momentum: null })
    const batches = [sample([5, 3], 1, 2), sample([5, 3], 3, -1), sample([5, 3], 0.5, 0)]
    for (const x of batches) bn.forward(x)
    const stats = batches.map(columnStats)
    for (let j = 0; j < 3; j++) {
      const mean = stats.reduce((s, t) => s + t.mean[j]!, 0) / 3
      const variance = stats.reduce((s, t) => s + t.variance[j]!, 0) / 3
      expect(bn.running_mean!.data[j]).toBeCloseTo(mean, 5)
      expect(bn.running_var!.data[j]).toBeCloseTo(variance, 5)
    }
  })

  it('normalizes with the running statistics in eval mode and leaves them unchanged', () => {
    const bn = new BatchNorm1d(2, { eps: 0 })
    bn.running_mean!.copy_(tensor([1, -2]))
    bn.running_var!.copy_(tensor([4, 0.25]))
    bn.eval()
    const y = bn.forward(tensor([[3, -1]]))
    expect(Array.from(y.data)).toEqual([1, 2])
    expect(Array.from(bn.running_mean!.data)).toEqual([1, -2])
    expect(bn.num_batches_tracked!.item()).toBe(0)
  })

  it('without running statistics uses the batch statistics in eval mode too', () => {
    const bn = new BatchNorm1d(2, { trackRunningStats: false }).eval()
    const y = bn.forward(
      tensor([
        [0, 10],
        [2, 30],
      ]),
    )
    expect(y.data[0]).toBeCloseTo(-1, 4)
    expect(y.data[3]).toBeCloseTo(1, 4)
  })

  it('checks the input dimensions and channel count without corrupting state', () => {
    const bn1 = new BatchNorm1d(3)
    expect(() => bn1.forward(sample([2, 3, 4, 5]))).toThrow(ShapeError)
    expect(() => bn1.forward(sample([2, 4]))).toThrow(
      /input \[2,4\] has 4 channels but the layer has 3/,
    )
    expect(() => bn1.forward(sample([1, 3]))).toThrow(/more than one value per channel/)
    expect(bn1.num_batches_tracked!.item()).toBe(0)
    expect(Array.from(bn1.running_var!.data)).toEqual([1, 1, 1])
    expect(() => new BatchNorm2d(3).forward(sample([2, 3, 4]))).toThrow(/4-D/)
  })

  it('resets the running statistics and parameters', () => {
    const bn = new BatchNorm2d(2)
    bn.forward(sample([2, 2, 3, 3], 2, 1))
    bn.weight!.fill_(3)
    bn.resetParameters()
    expect(Array.from(bn.running_mean!.data)).toEqual([0, 0])
    expect(Array.from(bn.running_var!.data)).toEqual([1, 1])
    expect(bn.num_batches_tracked!.item()).toBe(0)
    expect(Array.from(bn.weight!.data)).toEqual([1, 1])
  })

  it('round-trips its state through stateDict/loadStateDict', () => {
    const a = new BatchNorm2d(2)
    a.forward(sample([3, 2, 2, 2], 2, 1))
    const b = new BatchNorm2d(2)
    b.loadStateDict(a.stateDict())
    a.eval()
    b.eval()
    const x = sample([2, 2, 2, 2])
    expect(Array.from(b.forward(x).data)).toEqual(Array.from(a.forward(x).data))
    expect(b.num_batches_tracked!.item()).toBe(1)
  })
})
