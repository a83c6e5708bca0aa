import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { silu } from './silu'

describe('silu', () => {
  it('computes x·σ(x), tending to x and to 0 at large |x|', () => {
    const y = silu(new Tensor(Float32Array.of(0, 1, 100, -100), [4]))
    expect(y.data[0]).toBe(0)
    expect(y.data[1]).toBeCloseTo(1 / (1 + Math.exp(-1)), 7)
    expect(y.data[2]).toBe(100)
    expect(y.data[3]).toBeCloseTo(0, 30)
  })

  it('has gradient σ(x)·(1 + x·(1 − σ(x))) and passes gradCheck', () => {
    const x = new Tensor(Float32Array.of(0), [1], true)
    silu(x).sum().backward()
    expect(x.grad!.data[0]).toBe(0.5)
    const z = new Tensor(Float32Array.of(-3.1, -0.7, 0.05, 0.6, 1.8, -1.4), [2, 3], true)
    expect(gradCheck(silu, [z]).ok).toBe(true)
  })
})
