import { describe, expect, it } from 'vitest'
import { Tensor } from '../../tensor'
import { allFinite } from './all-finite'

describe('allFinite', () => {
  it('is false as soon as one element is NaN or infinite', () => {
    const f = (...v: number[]) => new Tensor(Float32Array.from(v), [v.length])
    expect(allFinite(f(0, -1e30, 3.4e38))).toBe(true)
    expect(allFinite(f(1, Number.NaN))).toBe(false)
    expect(allFinite(f(Infinity, 1))).toBe(false)
    expect(allFinite(f(1, -Infinity))).toBe(false)
    expect(allFinite(f())).toBe(true)
    expect(allFinite(new Tensor(Int32Array.of(2147483647), [1]))).toBe(true)
  })
})
