import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { concat } from './concat'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('concat', () => {
  it('joins along the first and the last dimension', () => {
    const a = t([1, 2, 3, 4], [2, 2])
    const b = t([5, 6], [1, 2])
    expect(concat([a, b]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
    const c = t([7, 8], [2, 1])
    expect(concat([a, c], -1).toArray()).toEqual([
      [1, 2, 7],
      [3, 4, 8],
    ])
  })

  it('accepts empty parts and a single tensor, and returns a copy', () => {
    const a = t([1, 2], [1, 2])
    const empty = t([], [0, 2])
    expect(concat([empty, a, empty]).toArray()).toEqual([[1, 2]])
    const single = concat([a])
    expect(single.toArray()).toEqual([[1, 2]])
    expect(single.data).not.toBe(a.data)
    expect(concat([t([], [2, 0]), t([1, 2, 3, 4], [2, 2])], 1).shape).toEqual([2, 2])
  })

  it('keeps int32 when every input is int32, float32 otherwise', () => {
    const i = new Tensor(Int32Array.of(1, 2), [2])
    expect(concat([i, i]).dtype).toBe('int32')
    const mixed = concat([i, t([0.5], [1])])
    expect(mixed.dtype).toBe('float32')
    expect(Array.from(mixed.data)).toEqual([1, 2, 0.5])
  })

  it('passes gradCheck along each dimension', () => {
    const a = t([0.1, -0.7, 1.4, 0.3, 2.2, -1.1], [2, 3, 1], true)
    const b = t([0.5, 0.9, -0.2, 1.8, -0.6, 0.4], [2, 3, 1], true)
    for (const dim of [0, 1, 2]) {
      expect(gradCheck((x, y) => concat([x, y, x], dim), [a, b]).ok).toBe(true)
    }
  })

  it('routes gradients only to inputs that require them', () => {
    const a = t([1, 2], [2], true)
    const b = t([3], [1])
    concat([a, b]).backward(t([10, 20, 30], [3]))
    expect(Array.from(a.grad!.data)).toEqual([10, 20])
    expect(b.grad).toBeNull()
  })

  it('names the shapes that do not fit', () => {
    const a = t([1, 2, 3, 4, 5, 6], [2, 3])
    const b = t([1, 2, 3, 4], [2, 2])
    expect(() => concat([a, b])).toThrow(ShapeError)
    expect(() => concat([a, b])).toThrow(
      /concat: tensor 1 has shape \[2,2\] but tensor 0 has shape \[2,3\]/,
    )
    expect(() => concat([a, t([1, 2], [2])], 0)).toThrow(ShapeError)
  })

  it('rejects an empty list, 0-d tensors and bad dimensions', () => {
    expect(() => concat([])).toThrow(ArgumentError)
    expect(() => concat([t([1], [])])).toThrow(/0-d/)
    expect(() => concat([t([1], [1])], 1)).toThrow(/concat: dimension 1 is out of range/)
  })
})
