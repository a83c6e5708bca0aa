import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { sqrt } from './sqrt'

describe('sqrt', () => {
  it('computes √x and NaN below 0', () => {
    const y = sqrt(new Tensor(Float32Array.of(0, 4, 9, -1), [4]))
    expect(Array.from(y.data.subarray(0, 3))).toEqual([0, 2, 3])
    expect(y.data[3]).toBeNaN()
  })

  it('has gradient 1/(2√x), infinite at 0, and passes gradCheck', () => {
    const x = new Tensor(Float32Array.of(4, 0), [2], true)
    sqrt(x).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([0.25, Infinity])
    const z = new Tensor(Float32Array.of(0.4, 1.2, 2.7, 0.9, 5.1, 1.6), [2, 3], true)
    expect(gradCheck(sqrt, [z]).ok).toBe(true)
  })
})
