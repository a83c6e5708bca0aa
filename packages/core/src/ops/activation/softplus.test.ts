import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError } from '../../errors'
import { Tensor } from '../../tensor'
import { softplus } from './softplus'

describe('softplus', () => {
  it('computes ln(1 + eˣ) without overflow or underflow at large |x|', () => {
    const y = softplus(new Tensor(Float32Array.of(0, 1, -1000, 1000), [4]), 1, Infinity)
    expect(y.data[0]).toBeCloseTo(Math.LN2, 7)
    expect(y.data[1]).toBeCloseTo(Math.log1p(Math.E), 6)
    expect(y.data[2]).toBe(0)
    expect(y.data[3]).toBe(1000)
    expect(softplus(new Tensor(Float32Array.of(-30), [1])).data[0]).toBeCloseTo(Math.exp(-30), 20)
  })

  it('is linear above the threshold and divides by beta below it', () => {
    const x = new Tensor(Float32Array.of(2, 3), [2], true)
    const y = softplus(x, 2, 5)
    expect(y.data[0]).toBeCloseTo(Math.log1p(Math.exp(4)) / 2, 6)
    expect(y.data[1]).toBe(3)
    y.sum().backward()
    expect(x.grad!.data[0]).toBeCloseTo(1 / (1 + Math.exp(-4)), 6)
    expect(x.grad!.data[1]).toBe(1)
  })

  it('passes gradCheck with default and custom beta', () => {
    const z = new Tensor(Float32Array.of(-3.1, -0.7, 0.05, 0.6, 1.8, -1.4), [2, 3], true)
    expect(gradCheck((v) => softplus(v), [z]).ok).toBe(true)
    expect(gradCheck((v) => softplus(v, 2.5, 30), [z]).ok).toBe(true)
  })

  it('rejects a zero or non-finite beta', () => {
    const x = new Tensor(Float32Array.of(1), [1])
    expect(() => softplus(x, 0)).toThrow(ArgumentError)
    expect(() => softplus(x, Number.NaN)).toThrow(/softplus: beta must be a finite nonzero/)
  })
})
