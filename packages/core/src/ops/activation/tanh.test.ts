import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { tanh } from './tanh'

describe('tanh', () => {
  it('computes tanh x and saturates at ±1', () => {
    const y = tanh(new Tensor(Float32Array.of(0, 0.5, -0.5, 50, -50), [5]))
    expect(y.data[0]).toBe(0)
    expect(y.data[1]).toBeCloseTo(0.46211715726, 7)
    expect(y.data[2]).toBe(-y.data[1]!)
    expect(Array.from(y.data.subarray(3))).toEqual([1, -1])
  })

  it('has gradient 1 − tanh² and passes gradCheck', () => {
    const x = new Tensor(Float32Array.of(0, 50), [2], true)
    tanh(x).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([1, 0])
    const z = new Tensor(Float32Array.of(-2.1, -0.4, 0.2, 1.1, 1.6, -0.9), [3, 2], true)
    expect(gradCheck(tanh, [z]).ok).toBe(true)
  })
})
