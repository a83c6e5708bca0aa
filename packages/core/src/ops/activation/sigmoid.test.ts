import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { sigmoid, sigmoidScalar } from './sigmoid'

describe('sigmoid', () => {
  it('computes 1/(1+e^(−x)) and saturates to exactly 0 and 1 without NaN', () => {
    const y = sigmoid(new Tensor(Float32Array.of(0, 2, -2, 1000, -1000), [5]))
    expect(y.data[0]).toBe(0.5)
    expect(y.data[1]).toBeCloseTo(1 / (1 + Math.exp(-2)), 7)
    expect(y.data[1]! + y.data[2]!).toBeCloseTo(1, 7)
    expect(y.data[3]).toBe(1)
    expect(y.data[4]).toBe(0)
    expect(sigmoidScalar(-745)).toBeGreaterThan(0)
    expect(sigmoidScalar(Number.NaN)).toBeNaN()
  })

  it('has gradient σ(1−σ) and passes gradCheck', () => {
    const x = new Tensor(Float32Array.of(0, 1000), [2], true)
    sigmoid(x).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([0.25, 0])
    const z = new Tensor(Float32Array.of(-3.1, -0.4, 0.2, 1.1, 2.6, -1.7), [2, 3], true)
    expect(gradCheck(sigmoid, [z]).ok).toBe(true)
  })
})
