import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../errors'
import { Tensor } from '../tensor'
import { bernoulli, bernoulli_ } from './bernoulli'
import { Generator } from './generator'

describe('bernoulli', () => {
  it('gives ones with frequency p', () => {
    const g = new Generator(4)
    const n = 100000
    let ones = 0
    for (let i = 0; i < n; i++) ones += bernoulli(0.3, g)
    expect(Math.abs(ones / n - 0.3)).toBeLessThan(0.0073) // 5 standard errors
  })

  it('is exact at p = 0 and p = 1', () => {
    const g = new Generator(1)
    const zeros = bernoulli_(new Tensor(new Float32Array(5000), [5000]), 0, g)
    const ones = bernoulli_(new Tensor(new Float32Array(5000), [5000]), 1, g)
    expect(zeros.data.every((v) => v === 0)).toBe(true)
    expect(ones.data.every((v) => v === 1)).toBe(true)
  })

  it('fills float32 and int32 tensors with the same 0/1 stream', () => {
    const f = bernoulli_(new Tensor(new Float32Array(64), [8, 8]), 0.5, new Generator(2))
    const i = bernoulli_(new Tensor(new Int32Array(64), [8, 8]), 0.5, new Generator(2))
    expect(Array.from(i.data)).toEqual(Array.from(f.data))
    expect(f.data.every((v) => v === 0 || v === 1)).toBe(true)
    const g = new Generator(2)
    expect(Array.from({ length: 64 }, () => bernoulli(0.5, g))).toEqual(Array.from(f.data))
  })

  it('rejects probabilities outside [0, 1]', () => {
    for (const p of [-0.1, 1.1, Number.NaN]) expect(() => bernoulli(p)).toThrow(ArgumentError)
    expect(() => bernoulli(2)).toThrow(/probability in \[0, 1\], got 2/)
  })
})
