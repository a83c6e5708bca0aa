import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { elu } from './elu'

describe('elu', () => {
  it('is x above 0 and alpha·(eˣ − 1) below, accurate near 0', () => {
    const x = new Tensor(Float32Array.of(2, -1, -1e-7, -100), [4])
    const y = elu(x)
    expect(y.data[0]).toBe(2)
    expect(y.data[1]).toBeCloseTo(Math.exp(-1) - 1, 7)
    expect(y.data[2]).toBeCloseTo(-1e-7, 13)
    expect(y.data[3]).toBe(-1)
    expect(elu(x, 0.5).data[3]).toBe(-0.5)
  })

  it('has gradient 1 above 0 and alpha·eˣ below, and passes gradCheck', () => {
    const x = new Tensor(Float32Array.of(3, 0), [2], true)
    elu(x, 2).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([1, 2])
    const z = new Tensor(Float32Array.of(-2.1, -0.4, 0.2, 1.1, 1.6, -0.9), [2, 3], true)
    expect(gradCheck((v) => elu(v), [z]).ok).toBe(true)
    expect(gradCheck((v) => elu(v, 0.7), [z]).ok).toBe(true)
  })
})
