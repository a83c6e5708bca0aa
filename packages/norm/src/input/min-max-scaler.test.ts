import { ArgumentError, Generator, randn, StateError, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { MinMaxScaler } from './min-max-scaler'

const gen = new Generator(37)

describe('MinMaxScaler', () => {
  it('maps each feature of the training data onto [0, 1]', () => {
    const x = randn([30, 3], { generator: gen })
    for (let i = 0; i < x.size; i++) x.data[i] = x.data[i]! * (5 * (i % 3) + 1) - 4
    const y = new MinMaxScaler({ channels: 3 }).fitTransform(x)
    for (let d = 0; d < 3; d++) {
      const column = Array.from({ length: 30 }, (_, n) => y.data[n * 3 + d]!)
      expect(Math.min(...column)).toBe(0)
      expect(Math.max(...column)).toBeCloseTo(1, 6)
      for (const v of column) {
        expect(v).toBeGreaterThanOrEqual(0)
        expect(v).toBeLessThanOrEqual(1 + 1e-6)
      }
    }
  })

  it('maps each image channel onto [-1, 1], and inverts', () => {
    const x = randn([5, 2, 3, 3], { generator: gen })
    const scaler = new MinMaxScaler({ channels: 2, featureRange: [-1, 1] }).fit(x)
    const y = scaler.transform(x)
    for (let c = 0; c < 2; c++) {
      const values: number[] = []
      for (let n = 0; n < 5; n++)
        for (let i = 0; i < 9; i++) values.push(y.data[(n * 2 + c) * 9 + i]!)
      expect(Math.min(...values)).toBe(-1)
      expect(Math.max(...values)).toBeCloseTo(1, 6)
    }
    const back = scaler.inverseTransform(y)
    for (let i = 0; i < x.size; i++) expect(back.data[i]).toBeCloseTo(x.data[i]!, 5)
  })

  it('scales globally without channels, and maps a constant input to the low end', () => {
    const scaler = new MinMaxScaler().fit(
      tensor([
        [2, 4],
        [6, 10],
      ]),
    )
    expect(Array.from(scaler.transform(tensor([[2, 6, 10, 14]])).data)).toEqual([0, 0.5, 1, 1.5])
    const flat = new MinMaxScaler({ featureRange: [-1, 1] }).fit(tensor([[3, 3]]))
    expect(Array.from(flat.transform(tensor([[3, 4]])).data)).toEqual([-1, 1])
  })

  it('serializes data_min and data_max with the state dict', () => {
    const a = new MinMaxScaler({ channels: 2 }).fit(
      tensor([
        [0, 1],
        [4, 3],
      ]),
    )
    const b = new MinMaxScaler({ channels: 2 })
    b.loadStateDict(a.stateDict())
    expect(Array.from(b.data_max.data)).toEqual([4, 3])
    expect(Array.from(b.transform(tensor([[2, 2]])).data)).toEqual([0.5, 0.5])
  })

  it('refuses a bad range and an unfitted transform', () => {
    expect(() => new MinMaxScaler({ featureRange: [1, 1] })).toThrow(ArgumentError)
    expect(() => new MinMaxScaler().transform(tensor([[1]]))).toThrow(StateError)
    expect(() => new MinMaxScaler().fit(tensor([[Number.NaN]]))).toThrow(/non-finite/)
  })
})
