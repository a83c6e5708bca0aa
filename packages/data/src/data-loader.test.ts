import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { DataLoader } from './data-loader'
import { TensorDataset } from './tensor-dataset'

function numbered(n: number): TensorDataset {
  const x = Float32Array.from({ length: n * 2 }, (_, i) => Math.floor(i / 2))
  return new TensorDataset(
    new Tensor(x, [n, 2]),
    new Tensor(
      Int32Array.from({ length: n }, (_, i) => i),
      [n],
    ),
  )
}

const epochLabels = (loader: DataLoader) => [...loader].map((b) => Array.from(b.targets.data))

describe('DataLoader', () => {
  it('batches in order, keeping or dropping the last partial batch', () => {
    expect(epochLabels(new DataLoader(numbered(5), { batchSize: 2 }))).toEqual([
      [0, 1],
      [2, 3],
      [4],
    ])
    const dropping = new DataLoader(numbered(5), { batchSize: 2, dropLast: true })
    expect(dropping.length).toBe(2)
    expect(epochLabels(dropping)).toEqual([
      [0, 1],
      [2, 3],
    ])
  })

  it('keeps inputs and targets of an example together', () => {
    for (const batch of new DataLoader(numbered(10), { batchSize: 3, shuffle: true, seed: 4 })) {
      const rows = batch.inputs.toArray() as number[][]
      for (const [i, row] of rows.entries())
        expect(row).toEqual([batch.targets.data[i], batch.targets.data[i]])
    }
  })

  it('shuffles each epoch differently, as a permutation, reproducibly from the seed', () => {
    const a = new DataLoader(numbered(20), { batchSize: 20, shuffle: true, seed: 7 })
    const first = epochLabels(a)[0]!
    const second = epochLabels(a)[0]!
    expect([...first].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(second).not.toEqual(first)
    const b = new DataLoader(numbered(20), { batchSize: 20, shuffle: true, seed: 7 })
    b.setEpoch(1)
    expect(epochLabels(b)[0]).toEqual(second)
    const c = new DataLoader(numbered(20), { batchSize: 20, shuffle: true, seed: 8 })
    expect(epochLabels(c)[0]).not.toEqual(first)
  })

  it('gives transforms a generator that depends on seed, epoch and batch only', () => {
    const draws = (epoch: number) => {
      const loader = new DataLoader(numbered(4), {
        batchSize: 2,
        seed: 1,
        transform: (batch, g) => ({ ...batch, inputs: batch.inputs.add(g.nextFloat()) }),
      })
      loader.setEpoch(epoch)
      return [...loader].map((b) => b.inputs.data[0]!)
    }
    expect(draws(3)).toEqual(draws(3))
    expect(draws(3)).not.toEqual(draws(4))
    const [x, y] = draws(0)
    expect(x).not.toBe(y! - 2)
  })

  it('rejects a bad batch size with a clear error', () => {
    expect(() => new DataLoader(numbered(3), { batchSize: 0 })).toThrow(
      /batchSize must be a positive integer, got 0/,
    )
  })
})
