import { ArgumentError, Generator, gradCheck, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { Dropout, dropout } from './dropout'

const values = (n: number) => Float32Array.from({ length: n }, (_, i) => 1 + Math.sin(i) * 2)

describe('dropout', () => {
  it('zeroes about p of the elements and scales the rest by 1/(1 − p)', () => {
    const x = new Tensor(values(20_000), [100, 200])
    const y = dropout(x, 0.25, { generator: new Generator(3) })
    let zeros = 0
    for (let i = 0; i < x.size; i++) {
      if (y.data[i] === 0) zeros++
      else expect(y.data[i]).toBeCloseTo(x.data[i]! / 0.75, 5)
    }
    expect(zeros / x.size).toBeCloseTo(0.25, 2)
  })

  it('keeps the expected activation: the mean over many draws ≈ the input', () => {
    const x = new Tensor(values(50), [50])
    const g = new Generator(11)
    const draws = 4000
    const mean = new Float64Array(50)
    for (let d = 0; d < draws; d++) {
      const y = dropout(x, 0.5, { generator: g })
      for (let i = 0; i < 50; i++) mean[i]! += y.data[i]! / draws
    }
    // One draw has std |x|·√(p/(1 − p)) = |x|; the mean of 4000 has std |x|/63: allow 5σ.
    for (let i = 0; i < 50; i++) {
      expect(Math.abs(mean[i]! - x.data[i]!)).toBeLessThan((5 * Math.abs(x.data[i]!)) / 63)
    }
  })

  it('is the identity when not training or p = 0, and zeros when p = 1', () => {
    const x = new Tensor(values(6), [2, 3])
    expect(dropout(x, 0.5, { training: false })).toBe(x)
    expect(dropout(x, 0)).toBe(x)
    expect(Array.from(dropout(x, 1).data)).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('is reproducible from a seed', () => {
    const x = new Tensor(values(64), [64])
    const a = dropout(x, 0.5, { generator: new Generator(5) })
    const b = dropout(x, 0.5, { generator: new Generator(5) })
    expect(Array.from(a.data)).toEqual(Array.from(b.data))
  })

  it('passes gradCheck with a fixed mask', () => {
    const x = new Tensor(values(12), [3, 4], true)
    const fn = (t: Tensor) => dropout(t, 0.4, { generator: new Generator(7) })
    expect(gradCheck(fn, [x]).ok).toBe(true)
  })

  it('refuses a probability outside [0, 1]', () => {
    expect(() => dropout(new Tensor(values(2), [2]), 1.2)).toThrow(ArgumentError)
    expect(() => new Dropout(-1)).toThrow(/^Dropout: the drop probability p must be in \[0, 1\]/)
  })
})

describe('Dropout', () => {
  it('drops in training mode and is the identity in eval mode', () => {
    const layer = new Dropout(0.5, { generator: new Generator(1) })
    const x = new Tensor(values(1000), [10, 100])
    const y = layer.forward(x)
    expect(y.data.some((v) => v === 0)).toBe(true)
    layer.eval()
    expect(layer.forward(x)).toBe(x)
    expect(layer.parameters()).toEqual([])
    expect(layer.stateDict()).toEqual({})
  })

  it('draws from the default generator when given none', () => {
    const x = new Tensor(values(32), [32])
    const layer = new Dropout(0.5)
    expect(layer.generator).toBeUndefined()
    const y = layer.forward(x)
    expect(y.data.some((v, i) => v !== x.data[i])).toBe(true)
  })
})
