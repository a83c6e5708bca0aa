import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { relu } from './relu'

describe('relu', () => {
  it('zeroes negatives, keeps NaN, and keeps int32', () => {
    const y = relu(new Tensor(Float32Array.of(-2, 0, 3.5, Number.NaN), [4]))
    expect(Array.from(y.data.subarray(0, 3))).toEqual([0, 0, 3.5])
    expect(y.data[3]).toBeNaN()
    const i = relu(new Tensor(Int32Array.of(-4, 5), [2]))
    expect(i.dtype).toBe('int32')
    expect(Array.from(i.data)).toEqual([0, 5])
  })

  it('has gradient 1 above 0 and 0 at and below 0, and passes gradCheck away from 0', () => {
    const x = new Tensor(Float32Array.of(-1, 0, 2), [3], true)
    relu(x).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([0, 0, 1])
    const z = new Tensor(Float32Array.of(-2.1, -0.4, 0.2, 1.1, 1.6, -0.9), [2, 3], true)
    expect(gradCheck(relu, [z]).ok).toBe(true)
  })
})
