import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { where } from './where'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('where', () => {
  it('picks a where the condition is nonzero (NaN included) and b elsewhere', () => {
    const c = t([1, 0, -2, Number.NaN], [4])
    expect(Array.from(where(c, t([1, 2, 3, 4], [4]), t([9, 8, 7, 6], [4])).data)).toEqual([
      1, 8, 3, 4,
    ])
  })

  it('broadcasts all three operands, numbers included', () => {
    const c = t([1, 0], [2, 1])
    expect(where(c, t([1, 2, 3], [3]), -1).toArray()).toEqual([
      [1, 2, 3],
      [-1, -1, -1],
    ])
    const ints = where(
      c,
      new Tensor(Int32Array.of(5), []),
      new Tensor(Int32Array.of(6, 7, 8), [1, 3]),
    )
    expect(ints.dtype).toBe('int32')
    expect(ints.toArray()).toEqual([
      [5, 5, 5],
      [6, 7, 8],
    ])
  })

  it('routes the gradient by the condition, with exact zeros on the other side', () => {
    const c = t([1, 0, 1], [3], true)
    const a = t([1, 2, 3], [3], true)
    const b = t([4], [1], true)
    const y = where(c, a, b)
    y.backward(t([10, Infinity, 30], [3]))
    expect(Array.from(a.grad!.data)).toEqual([10, 0, 30])
    expect(Array.from(b.grad!.data)).toEqual([Infinity])
    expect(c.grad).toBeNull()
  })

  it('passes gradCheck with broadcasting', () => {
    const c = t([1, 0, 0, 1, 1, 0], [2, 3])
    const a = t([0.5, -1.2, 2.1], [3], true)
    const b = t([1.5, -0.8], [2, 1], true)
    expect(gradCheck((x, y) => where(c, x, y), [a, b]).ok).toBe(true)
  })

  it('names all three shapes when they do not broadcast', () => {
    const call = () => where(t([1, 0], [2]), t([1, 2, 3], [3]), 0)
    expect(call).toThrow(ShapeError)
    expect(call).toThrow(/where: condition \[2\], a \[3\] and b \[\] do not broadcast/)
  })
})
