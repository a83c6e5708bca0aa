import { describe, expect, it } from 'vitest'
import { ArgumentError, StateError } from '../errors'
import { Generator, type GeneratorState } from './generator'

const draw = (g: Generator, n: number) => Array.from({ length: n }, () => g.nextUint32())

function stateWith(words: [number, number, number, number]): GeneratorState {
  return { algorithm: 'xoshiro128**', seed: 0, state: words, spareNormal: null }
}

describe('Generator', () => {
  it('makes the first output depend on the high word of the seed too', () => {
    const first = (seed: number) => new Generator(seed).nextUint32()
    const lowWordTwins = [7, 7 + 2 ** 32, 7 + 2 * 2 ** 32, 7 + 3 * 2 ** 32].map(first)
    expect(new Set(lowWordTwins).size).toBe(4)
  })

  it('implements xoshiro128** (reference outputs for the state 1, 2, 3, 4)', () => {
    // First outputs of the reference C implementation (prng.di.unimi.it) from s = {1, 2, 3, 4}.
    const g = new Generator().setState(stateWith([1, 2, 3, 4]))
    expect(draw(g, 8)).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849,
    ])
    const h = new Generator().setState(stateWith([0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x8aed2a6b]))
    expect(draw(h, 6)).toEqual([2463954730, 5524658, 1467348305, 40951521, 3715515304, 3306134703])
  })

  it('gives identical bits for the same seed', () => {
    const a = new Generator(42)
    const b = new Generator(42)
    expect(draw(a, 1000)).toEqual(draw(b, 1000))
    const fa = Array.from({ length: 100 }, () => a.nextNormal())
    const fb = Array.from({ length: 100 }, () => b.nextNormal())
    expect(fa).toEqual(fb)
    expect(new Generator().nextUint32()).toBe(new Generator(67280421310721).nextUint32())
  })

  it('gives different streams for different seeds, including seeds that differ above bit 32', () => {
    const seeds = [0, 1, 2, -1, 2 ** 32, 2 ** 32 + 1, -(2 ** 32), 2 ** 53 - 1, -(2 ** 53 - 1)]
    const firsts = seeds.map((s) => draw(new Generator(s), 4).join(','))
    expect(new Set(firsts).size).toBe(seeds.length)
  })

  it('spreads bits evenly (chi-square of the top 4 bits)', () => {
    const g = new Generator(7)
    const counts = new Array<number>(16).fill(0)
    const n = 160000
    for (let i = 0; i < n; i++) counts[g.nextUint32() >>> 28]!++
    const expected = n / 16
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0)
    expect(chi2).toBeLessThan(37.7) // 0.999 quantile of chi-square with 15 degrees of freedom
  })

  it('nextFloat returns 24-bit floats in [0, 1) exactly representable in float32', () => {
    const g = new Generator().setState(stateWith([1, 2, 3, 4]))
    expect(g.nextFloat()).toBe(45 / 2 ** 24) // 11520 >>> 8 = 45
    expect(g.nextFloat()).toBe(0)
    const h = new Generator(3)
    let sum = 0
    let bad = 0
    for (let i = 0; i < 100000; i++) {
      const v = h.nextFloat()
      if (!(v >= 0 && v < 1 && Math.fround(v) === v && Number.isInteger(v * 2 ** 24))) bad++
      sum += v
    }
    expect(bad).toBe(0)
    expect(Math.abs(sum / 100000 - 0.5)).toBeLessThan(0.005)
  })

  it('nextFloat64 returns 53-bit doubles in [0, 1)', () => {
    const g = new Generator(5)
    let sum = 0
    let belowFloat32Grid = 0
    let bad = 0
    for (let i = 0; i < 100000; i++) {
      const v = g.nextFloat64()
      if (!(v >= 0 && v < 1 && Number.isInteger(v * 2 ** 53))) bad++
      if (!Number.isInteger(v * 2 ** 24)) belowFloat32Grid++
      sum += v
    }
    expect(bad).toBe(0)
    expect(Math.abs(sum / 100000 - 0.5)).toBeLessThan(0.005)
    expect(belowFloat32Grid).toBeGreaterThan(99990)
  })

  it('nextNormal caches the Box–Muller spare: two normals cost four 32-bit draws', () => {
    const g = new Generator(9)
    const h = g.clone()
    g.nextNormal()
    expect(g.getState().spareNormal).not.toBeNull()
    g.nextNormal()
    expect(g.getState().spareNormal).toBeNull()
    draw(h, 4)
    expect(g.getState().state).toEqual(h.getState().state)
  })

  it('nextNormal has mean 0 and variance 1', () => {
    const g = new Generator(11)
    const n = 200000
    let s = 0
    let s2 = 0
    for (let i = 0; i < n; i++) {
      const z = g.nextNormal()
      s += z
      s2 += z * z
    }
    const mean = s / n
    expect(Math.abs(mean)).toBeLessThan(0.01)
    expect(Math.abs(s2 / n - mean * mean - 1)).toBeLessThan(0.015)
  })

  it('resumes the exact stream from a saved state, through JSON', () => {
    const g = new Generator(123)
    draw(g, 17)
    g.nextNormal() // leaves a spare in the state
    const saved = JSON.parse(JSON.stringify(g.getState())) as GeneratorState
    const expectedInts = draw(g, 10)
    const expectedNormals = [g.nextNormal(), g.nextNormal(), g.nextNormal()]
    const r = new Generator(999).setState(saved)
    expect(draw(r, 10)).toEqual(expectedInts)
    expect([r.nextNormal(), r.nextNormal(), r.nextNormal()]).toEqual(expectedNormals)
    expect(r.initialSeed()).toBe(123)
  })

  it('clone is independent and continues the same stream', () => {
    const g = new Generator(5)
    g.nextNormal()
    const c = g.clone()
    expect(c.nextNormal()).toBe(g.nextNormal())
    expect(draw(c, 5)).toEqual(draw(g, 5))
    c.nextUint32()
    expect(c.getState()).not.toEqual(g.getState())
  })

  it('manualSeed restarts the stream and drops the spare', () => {
    const g = new Generator(1)
    const first = draw(g, 3)
    g.nextNormal()
    expect(g.manualSeed(1)).toBe(g)
    expect(g.getState().spareNormal).toBeNull()
    expect(draw(g, 3)).toEqual(first)
    expect(g.initialSeed()).toBe(1)
  })

  it('rejects seeds that are not safe integers', () => {
    for (const s of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => new Generator(s)).toThrow(ArgumentError)
    }
    expect(() => new Generator(0.5)).toThrow(/safe integer, got 0.5/)
  })

  it('rejects malformed states without changing the generator', () => {
    const g = new Generator(2)
    const before = g.getState()
    const good = g.getState()
    const bad: unknown[] = [
      null,
      { ...good, algorithm: 'mt19937' },
      { ...good, seed: 0.5 },
      { ...good, state: [1, 2, 3] },
      { ...good, state: [1, 2, 3, 2 ** 32] },
      { ...good, state: [1, 2, 3, -1] },
      { ...good, state: [1, 2, 3, 1.5] },
      { ...good, state: [0, 0, 0, 0] },
      { ...good, spareNormal: Number.NaN },
      { ...good, spareNormal: '0.5' },
    ]
    for (const s of bad) expect(() => g.setState(s as GeneratorState)).toThrow(StateError)
    expect(g.getState()).toEqual(before)
    expect(() => g.setState({ ...good, state: [0, 0, 0, 0] })).toThrow(/all-zero/)
  })
})
