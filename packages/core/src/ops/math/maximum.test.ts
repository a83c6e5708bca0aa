import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { maximum } from './maximum'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('maximum', () => {
  it('takes the larger value with broadcasting and propagates NaN from either side', () => {
    expect(maximum(t([1, 5, 3, -2], [2, 2]), t([2, 4], [2])).toArray()).toEqual([
      [2, 5],
      [3, 4],
    ])
    expect(Array.from(maximum(t([-1, 2], [2]), 0).data)).toEqual([0, 2])
    const n = maximum(t([Number.NaN, 1], [2]), t([0, Number.NaN], [2]))
    expect(Number.isNaN(n.data[0]!) && Number.isNaN(n.data[1]!)).toBe(true)
    const ints = maximum(new Tensor(Int32Array.of(1, 4), [2]), new Tensor(Int32Array.of(2), [1]))
    expect(ints.dtype).toBe('int32')
    expect(Array.from(ints.data)).toEqual([2, 4])
  })

  it('sends the gradient to the larger operand and splits ties half/half', () => {
    const a = t([1, 2, 3], [3], true)
    const b = t([1, 1, 5], [3], true)
    maximum(a, b).sum().backward()
    expect(Array.from(a.grad!.data)).toEqual([0.5, 1, 0])
    expect(Array.from(b.grad!.data)).toEqual([0.5, 0, 1])
  })

  it('sums the gradient over broadcast dimensions and passes gradCheck', () => {
    const a = t([0.5, -1.2, 2.1, 0.7, 1.3, -0.4], [2, 3], true)
    const b = t([1.5, -0.8, 0.2], [3], true)
    maximum(a, b).sum().backward()
    expect(Array.from(b.grad!.data)).toEqual([2, 1, 1])
    expect(gradCheck(maximum, [a, b]).ok).toBe(true)
    expect(gradCheck(maximum, [a, t([0.1, 0.9], [2, 1], true)]).ok).toBe(true)
  })

  it('names both shapes when they do not broadcast', () => {
    expect(() => maximum(t([1, 2], [2]), t([1, 2, 3], [3]))).toThrow(ShapeError)
    expect(() => maximum(t([1, 2], [2]), t([1, 2, 3], [3]))).toThrow(/maximum: .*\[2\] and \[3\]/)
  })
})
