import { Generator, noGrad, randn, type Tensor, zeros } from '@knack/core'
import { Linear, ReLU, Sequential } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import { BatchNorm1d } from './batch-norm'
import { recomputeBatchNormStats } from './recompute-batch-norm-stats'

const gen = new Generator(21)
const sample = (shape: number[], scale = 1, shift = 0): Tensor => {
  const t = randn(shape, { generator: gen })
  for (let i = 0; i < t.size; i++) t.data[i] = t.data[i]! * scale + shift
  return t
}

/** Average over batches of the per-column mean and unbiased variance of [N, C] tensors. */
function averageStats(batches: Tensor[]): { mean: number[]; variance: number[] } {
  const [n, c] = batches[0]!.shape as [number, number]
  const mean = new Array<number>(c).fill(0)
  const variance = new Array<number>(c).fill(0)
  for (const x of batches) {
    for (let j = 0; j < c; j++) {
      let s = 0
      for (let i = 0; i < n; i++) s += x.data[i * c + j]!
      const m = s / n
      let q = 0
      for (let i = 0; i < n; i++) q += (x.data[i * c + j]! - m) ** 2
      mean[j]! += m / batches.length
      variance[j]! += q / (n - 1) / batches.length
    }
  }
  return { mean, variance }
}

describe('recomputeBatchNormStats', () => {
  it('recomputes the running statistics as the plain average over the batches', () => {
    const lin = new Linear(4, 3, { generator: gen })
    const bn = new BatchNorm1d(3)
    const model = new Sequential(lin, bn, new ReLU())
    for (let i = 0; i < 5; i++) model.forward(sample([8, 4], 3, 2))
    const inputs = [sample([6, 4]), sample([6, 4], 2), sample([6, 4], 0.5, 1)]
    const batches = inputs.map((x) => ({ inputs: x, targets: zeros([6]) }))
    expect(recomputeBatchNormStats(model, batches)).toBe(3)
    const expected = averageStats(noGrad(() => inputs.map((x) => lin.forward(x))))
    for (let j = 0; j < 3; j++) {
      expect(bn.running_mean!.data[j]).toBeCloseTo(expected.mean[j]!, 5)
      expect(bn.running_var!.data[j]).toBeCloseTo(expected.variance[j]!, 5)
    }
    expect(bn.num_batches_tracked!.item()).toBe(3)
  })

  it('accepts plain input tensors and restores momentum and each training flag', () => {
    const a = new BatchNorm1d(2, { momentum: 0.3 })
    const b = new BatchNorm1d(2)
    const model = new Sequential(a, b).eval()
    b.train()
    recomputeBatchNormStats(model, [sample([4, 2]), sample([4, 2])])
    expect(a.momentum).toBe(0.3)
    expect(b.momentum).toBe(0.1)
    expect([model.training, a.training, b.training]).toEqual([false, false, true])
    expect(a.num_batches_tracked!.item()).toBe(2)
  })

  it('puts everything back when a batch fails', () => {
    const bn = new BatchNorm1d(2)
    const model = new Sequential(bn)
    model.forward(sample([4, 2], 2, 1))
    model.eval()
    const before = bn.stateDict()
    function* batches(): IterableIterator<Tensor> {
      yield sample([4, 2])
      yield sample([4, 5])
    }
    expect(() => recomputeBatchNormStats(model, batches())).toThrow(/channels/)
    for (const [name, value] of Object.entries(bn.stateDict())) {
      expect(Array.from(value.data)).toEqual(Array.from(before[name]!.data))
    }
    expect(bn.momentum).toBe(0.1)
    expect(model.training).toBe(false)
  })

  it('does nothing to a model without batch normalization', () => {
    const model = new Sequential(new Linear(2, 2, { generator: gen })).eval()
    expect(recomputeBatchNormStats(model, [sample([3, 2])])).toBe(0)
    expect(model.training).toBe(false)
  })
})
