import { describe, expect, it } from 'vitest'
import { Tensor } from '../../tensor'
import { sign } from './sign'

describe('sign', () => {
  it('gives -1, 0, 1, and 0 for NaN like PyTorch; keeps int32', () => {
    const y = sign(new Tensor(Float32Array.of(-3.5, -0, 0, 2, Number.NaN), [5]))
    expect(Array.from(y.data)).toEqual([-1, 0, 0, 1, 0])
    const i = sign(new Tensor(Int32Array.of(-4, 0, 9), [3]))
    expect(i.dtype).toBe('int32')
    expect(Array.from(i.data)).toEqual([-1, 0, 1])
  })

  it('stays on the graph with a zero gradient', () => {
    const x = new Tensor(Float32Array.of(-2, 0.5), [2], true)
    const y = sign(x)
    expect(y.requiresGrad).toBe(true)
    y.sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([0, 0])
  })
})
