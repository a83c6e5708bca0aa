import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { minimum } from './minimum'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('minimum', () => {
  it('takes the smaller value with broadcasting and propagates NaN from either side', () => {
    expect(minimum(t([1, 5, 3, -2], [2, 2]), t([2, 4], [2])).toArray()).toEqual([
      [1, 4],
      [2, -2],
    ])
    const n = minimum(t([Number.NaN, 1], [2]), t([0, Number.NaN], [2]))
    expect(Number.isNaN(n.data[0]!) && Number.isNaN(n.data[1]!)).toBe(true)
  })

  it('sends the gradient to the smaller operand and splits ties half/half', () => {
    const a = t([1, 2, 3], [3], true)
    const b = t([1, 1, 5], [3], true)
    minimum(a, b).sum().backward()
    expect(Array.from(a.grad!.data)).toEqual([0.5, 0, 1])
    expect(Array.from(b.grad!.data)).toEqual([0.5, 1, 0])
  })

  it('passes gradCheck with broadcasting', () => {
    const a = t([0.5, -1.2, 2.1, 0.7, 1.3, -0.4], [2, 3], true)
    expect(gradCheck(minimum, [a, t([1.5, -0.8, 0.2], [1, 3], true)]).ok).toBe(true)
    expect(gradCheck(minimum, [a, t([0.1, 0.9], [2, 1], true)]).ok).toBe(true)
  })

  it('names both shapes when they do not broadcast', () => {
    expect(() => minimum(t([1, 2], [2]), t([1, 2, 3], [3]))).toThrow(ShapeError)
  })
})
