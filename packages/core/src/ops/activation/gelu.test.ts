import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError } from '../../errors'
import { Tensor } from '../../tensor'
import { gelu } from './gelu'

describe('gelu', () => {
  it('computes x·Φ(x) exactly and with the tanh approximation', () => {
    const x = new Tensor(Float32Array.of(0, 1, -1, 10, -10), [5])
    const exact = gelu(x)
    expect(exact.data[0]).toBe(0)
    expect(exact.data[1]).toBeCloseTo(0.8413447460685429, 7)
    expect(exact.data[2]).toBeCloseTo(-0.15865525393145707, 7)
    expect(exact.data[3]).toBe(10)
    expect(exact.data[4]).toBeCloseTo(0, 20)
    const approx = gelu(x, 'tanh')
    expect(approx.data[1]).toBeCloseTo(0.8411919906082768, 7)
    expect(Math.abs(approx.data[2]! - exact.data[2]!)).toBeLessThan(1e-3)
  })

  it('has gradient Φ(x) + x·φ(x) and passes gradCheck in both forms', () => {
    const x = new Tensor(Float32Array.of(0, 1), [2], true)
    gelu(x).sum().backward()
    expect(x.grad!.data[0]).toBe(0.5)
    expect(x.grad!.data[1]).toBeCloseTo(
      0.8413447460685429 + Math.exp(-0.5) / Math.sqrt(2 * Math.PI),
      6,
    )
    const z = new Tensor(Float32Array.of(-3.1, -0.7, 0.05, 0.6, 1.8, -1.4), [2, 3], true)
    expect(gradCheck((v) => gelu(v), [z]).ok).toBe(true)
    expect(gradCheck((v) => gelu(v, 'tanh'), [z]).ok).toBe(true)
  })

  it('rejects an unknown approximation', () => {
    const x = new Tensor(Float32Array.of(1), [1])
    const call = () => gelu(x, 'sigmoid' as 'tanh')
    expect(call).toThrow(ArgumentError)
    expect(call).toThrow(/gelu: unknown approximate 'sigmoid'/)
  })
})
