import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { exp } from './exp'

describe('exp', () => {
  it('computes eˣ, overflowing to Infinity like float32', () => {
    const y = exp(new Tensor(Float32Array.of(0, 1, -1, -200, 100), [5]))
    expect(y.data[0]).toBe(1)
    expect(y.data[1]).toBeCloseTo(Math.E, 6)
    expect(y.data[2]).toBeCloseTo(1 / Math.E, 7)
    expect(y.data[3]).toBe(0)
    expect(y.data[4]).toBe(Infinity)
  })

  it('has gradient eˣ and passes gradCheck', () => {
    const x = new Tensor(Float32Array.of(0, 2), [2], true)
    exp(x).sum().backward()
    expect(x.grad!.data[0]).toBe(1)
    expect(x.grad!.data[1]).toBeCloseTo(Math.exp(2), 5)
    const z = new Tensor(Float32Array.of(0.3, -1.2, 1.7, 0.05, -0.6, 2.2), [2, 3], true)
    expect(gradCheck(exp, [z]).ok).toBe(true)
  })
})
