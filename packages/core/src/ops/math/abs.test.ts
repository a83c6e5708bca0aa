import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { abs } from './abs'

describe('abs', () => {
  it('computes |x| and keeps int32', () => {
    expect(Array.from(abs(new Tensor(Float32Array.of(-2.5, 0, 3), [3])).data)).toEqual([2.5, 0, 3])
    const i = abs(new Tensor(Int32Array.of(-7, 7), [2]))
    expect(i.dtype).toBe('int32')
    expect(Array.from(i.data)).toEqual([7, 7])
  })

  it('has gradient sign(x), 0 at 0, and passes gradCheck away from 0', () => {
    const x = new Tensor(Float32Array.of(-2, 0, 3), [3], true)
    abs(x).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([-1, 0, 1])
    const z = new Tensor(Float32Array.of(-1.3, 0.4, 2.2, -0.2, 0.9, -3.1), [3, 2], true)
    expect(gradCheck(abs, [z]).ok).toBe(true)
  })
})
