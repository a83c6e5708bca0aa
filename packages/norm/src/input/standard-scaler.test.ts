import { Generator, randn, ShapeError, StateError, type Tensor, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { StandardScaler } from './standard-scaler'

const gen = new Generator(31)

/** `[N, C, H, W]` images whose channel c has mean 3c − 2 and std c + 0.5. */
function images(n: number): Tensor {
  const x = randn([n, 3, 4, 4], { generator: gen })
  for (let i = 0; i < x.size; i++) {
    const c = Math.floor(i / 16) % 3
    x.data[i] = x.data[i]! * (c + 0.5) + 3 * c - 2
  }
  return x
}

/** Mean and population std of channel `c` of an `[N, C, *]` tensor. */
function channelMoments(x: Tensor, c: number): [number, number] {
  const [n, channels] = x.shape as [number, number]
  const inner = x.size / (n * channels)
  const values: number[] = []
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < inner; i++) values.push(x.data[(b * channels + c) * inner + i]!)
  }
  const mean = values.reduce((s, v) => s + v, 0) / values.length
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length
  return [mean, Math.sqrt(variance)]
}

describe('StandardScaler', () => {
  it('gives each channel of [N, C, H, W] images zero mean and unit std', () => {
    const x = images(20)
    const scaler = new StandardScaler({ channels: 3 }).fit(x)
    const y = scaler.transform(x)
    for (let c = 0; c < 3; c++) {
      const [mean, std] = channelMoments(y, c)
      expect(Math.abs(mean)).toBeLessThan(1e-5)
      expect(std).toBeCloseTo(1, 5)
      expect(scaler.mean.data[c]).toBeCloseTo(3 * c - 2, 0)
    }
    expect(scaler.n_samples_seen.item()).toBe(20)
  })

  it('standardizes each feature of [N, D] data, and channels-last data with dim: -1', () => {
    const x = randn([50, 4], { generator: gen })
    for (let i = 0; i < x.size; i++) x.data[i] = x.data[i]! * (1 + (i % 4)) + (i % 4)
    const y = new StandardScaler({ channels: 4 }).fitTransform(x)
    const last = new StandardScaler({ channels: 4, dim: -1 }).fitTransform(x)
    for (let d = 0; d < 4; d++) {
      const [mean, std] = channelMoments(y, d)
      expect(Math.abs(mean)).toBeLessThan(1e-5)
      expect(std).toBeCloseTo(1, 5)
    }
    expect(Array.from(last.data)).toEqual(Array.from(y.data))
  })

  it('standardizes globally without channels, and inverts', () => {
    const x = images(4)
    const scaler = new StandardScaler().fit(x)
    expect(scaler.mean.shape).toEqual([])
    const y = scaler.transform(x)
    const [mean, std] = channelMoments(y.reshape([y.size, 1]), 0)
    expect(Math.abs(mean)).toBeLessThan(1e-5)
    expect(std).toBeCloseTo(1, 5)
    const back = scaler.inverseTransform(y)
    for (let i = 0; i < x.size; i++) expect(back.data[i]).toBeCloseTo(x.data[i]!, 4)
  })

  it('leaves a constant channel at scale 1', () => {
    const scaler = new StandardScaler({ channels: 2 }).fit(
      tensor([
        [5, 1],
        [5, 3],
      ]),
    )
    expect(Array.from(scaler.scale.data)).toEqual([1, 1])
    expect(Array.from(scaler.transform(tensor([[6, 2]])).data)).toEqual([1, 0])
  })

  it('serializes its statistics: a fresh scaler loaded from the state transforms the same', () => {
    const x = images(10)
    const a = new StandardScaler({ channels: 3 }).fit(x)
    const b = new StandardScaler({ channels: 3 })
    expect(b.fitted).toBe(false)
    b.loadStateDict(a.stateDict())
    expect(Object.keys(a.stateDict())).toEqual(['n_samples_seen', 'mean', 'scale'])
    expect(b.fitted).toBe(true)
    const z = images(2)
    expect(Array.from(b.forward(z).data)).toEqual(Array.from(a.transform(z).data))
  })

  it('refuses to transform before fitting, and inputs with other channels', () => {
    const scaler = new StandardScaler({ channels: 3 })
    expect(() => scaler.transform(images(2))).toThrow(StateError)
    expect(() => scaler.fit(randn([4, 2], { generator: gen }))).toThrow(ShapeError)
    expect(() => scaler.fit(randn([4, 2], { generator: gen }))).toThrow(/no dimension 1 of size 3/)
  })
})
