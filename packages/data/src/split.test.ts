import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { randomSplit, stratifiedSplit } from './split'
import { TensorDataset } from './tensor-dataset'

function labelled(labels: number[]): TensorDataset {
  const n = labels.length
  return new TensorDataset(
    new Tensor(
      Float32Array.from({ length: n }, (_, i) => i),
      [n, 1],
    ),
    new Tensor(Int32Array.from(labels), [n]),
  )
}

describe('splits', () => {
  it('randomSplit gives disjoint parts covering the dataset, by counts or fractions', () => {
    const data = labelled(Array.from({ length: 10 }, () => 0))
    const parts = randomSplit(data, [0.7, 0.3], 3)
    expect(parts.map((p) => p.length)).toEqual([7, 3])
    const all = parts.flatMap((p) => Array.from(p.indices)).sort((a, b) => a - b)
    expect(all).toEqual(Array.from({ length: 10 }, (_, i) => i))
    expect(randomSplit(data, [5, 5], 3).map((p) => p.length)).toEqual([5, 5])
    expect(Array.from(randomSplit(data, [5, 5], 3)[0]!.indices)).toEqual(
      Array.from(randomSplit(data, [5, 5], 3)[0]!.indices),
    )
    expect(() => randomSplit(data, [4, 4])).toThrow(/neither sum/)
  })

  it('stratifiedSplit keeps class proportions in every part', () => {
    const labels = [...Array(60).fill(0), ...Array(30).fill(1), ...Array(10).fill(2)]
    const data = labelled(labels)
    const [train, test] = stratifiedSplit(data, data.targets, [0.8, 0.2], 1)
    const count = (indices: Int32Array, c: number) =>
      Array.from(indices).filter((i) => labels[i] === c).length
    expect([0, 1, 2].map((c) => count(train!.indices, c))).toEqual([48, 24, 8])
    expect([0, 1, 2].map((c) => count(test!.indices, c))).toEqual([12, 6, 2])
    const batch = test!.getBatch(Int32Array.of(0, 1))
    expect(batch.inputs.shape).toEqual([2, 1])
  })
})
