import {
  ArgumentError,
  crossEntropy,
  Generator,
  gradCheck,
  Module,
  randn,
  Tensor,
  transpose,
} from '@knack/core'
import { Linear } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import { Ensemble } from './ensemble'

function softmaxRow(row: number[]): number[] {
  const m = Math.max(...row)
  const e = row.map((v) => Math.exp(v - m))
  const s = e.reduce((a, b) => a + b, 0)
  return e.map((v) => v / s)
}

describe('Ensemble', () => {
  const members = () => [
    new Linear(3, 4, { generator: new Generator(1) }),
    new Linear(3, 4, { generator: new Generator(2) }),
    new Linear(3, 4, { generator: new Generator(3) }),
  ]
  const x = randn([5, 3], { generator: new Generator(4) })

  it('returns the log of the mean of the members’ probabilities', () => {
    const ms = members()
    const out = new Ensemble(ms).forward(x)
    expect(out.shape).toEqual([5, 4])
    const logits = ms.map((m) => m.forward(x))
    for (let r = 0; r < 5; r++) {
      const probs = logits.map((l) => softmaxRow(Array.from(l.data.subarray(r * 4, r * 4 + 4))))
      for (let c = 0; c < 4; c++) {
        const mean = (probs[0]![c]! + probs[1]![c]! + probs[2]![c]!) / 3
        expect(out.data[r * 4 + c]).toBeCloseTo(Math.log(mean), 5)
      }
    }
  })

  it('composes with crossEntropy: the NLL of the averaged probabilities', () => {
    const out = new Ensemble(members()).forward(x)
    const targets = new Tensor(Int32Array.of(0, 1, 2, 3, 0), [5])
    let nll = 0
    for (let r = 0; r < 5; r++) nll -= out.data[r * 4 + targets.data[r]!]! / 5
    expect(crossEntropy(out, targets).item()).toBeCloseTo(nll, 5)
  })

  it('averages along another class dimension when asked', () => {
    /** A member whose output is laid out [classes, batch]. */
    class ClassesFirst extends Module<[Tensor], Tensor> {
      constructor(readonly inner: Linear) {
        super()
      }
      forward(t: Tensor): Tensor {
        return transpose(this.inner.forward(t), 0, 1)
      }
    }
    const ms = members()
    const byRow = new Ensemble(ms).forward(x)
    const byColumn = new Ensemble(
      ms.map((m) => new ClassesFirst(m)),
      { dim: 0 },
    ).forward(x)
    expect(byColumn.shape).toEqual([4, 5])
    expect(Array.from(transpose(byColumn, 0, 1).data)).toEqual(Array.from(byRow.data))
  })

  it('passes gradCheck through the members’ parameters', () => {
    const ms = members().slice(0, 2)
    const ensemble = new Ensemble(ms)
    const small = randn([2, 3], { generator: new Generator(5) })
    const params = ensemble.parameters()
    expect(params).toHaveLength(4)
    expect(gradCheck(() => ensemble.forward(small), params).ok).toBe(true)
  })

  it('names members 0, 1, … and shares train/eval mode; one member is its log-softmax', () => {
    const ms = members()
    const ensemble = new Ensemble(ms)
    expect(Object.keys(ensemble.stateDict())).toEqual([
      '0.weight',
      '0.bias',
      '1.weight',
      '1.bias',
      '2.weight',
      '2.bias',
    ])
    ensemble.eval()
    expect(ms.every((m) => !m.training)).toBe(true)
    expect(ensemble.member(2)).toBe(ms[2])
    expect(() => ensemble.member(3)).toThrow(/^Ensemble.member: index 3 is out of range \[0, 3\)/)
    const single = new Ensemble([ms[0]!]).forward(x)
    const row = softmaxRow(Array.from(ms[0]!.forward(x).data.subarray(0, 4)))
    expect(single.data[1]).toBeCloseTo(Math.log(row[1]!), 5)
  })

  it('refuses an empty list of members', () => {
    expect(() => new Ensemble([])).toThrow(ArgumentError)
    expect(() => new Ensemble([])).toThrow(
      'Ensemble: got no members (help: pass at least one model)',
    )
  })
})
