import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { leakyRelu } from './leaky-relu'

describe('leakyRelu', () => {
  it('scales negatives by the slope (0.01 by default)', () => {
    const x = new Tensor(Float32Array.of(-2, 0, 3), [3])
    expect(Array.from(leakyRelu(x).data)).toEqual([Math.fround(-0.02), 0, 3])
    expect(Array.from(leakyRelu(x, 0.5).data)).toEqual([-1, 0, 3])
  })

  it('has gradient 1 above 0 and the slope at and below 0, and passes gradCheck', () => {
    const x = new Tensor(Float32Array.of(-1, 0, 2), [3], true)
    leakyRelu(x, 0.25).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([0.25, 0.25, 1])
    const z = new Tensor(Float32Array.of(-2.1, -0.4, 0.2, 1.1, 1.6, -0.9), [2, 3], true)
    expect(gradCheck((v) => leakyRelu(v), [z]).ok).toBe(true)
    expect(gradCheck((v) => leakyRelu(v, 0.3), [z]).ok).toBe(true)
  })
})
