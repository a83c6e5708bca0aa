import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { slice } from './slice'

const range = (n: number, shape: number[], requiresGrad = false) =>
  new Tensor(
    Float32Array.from({ length: n }, (_, i) => i),
    shape,
    requiresGrad,
  )

describe('slice', () => {
  const v = range(6, [6])

  it('follows Python slicing: negative indices, clamping, steps, empty results', () => {
    expect(slice(v, 0, 1, 4).toArray()).toEqual([1, 2, 3])
    expect(slice(v, 0, 2).toArray()).toEqual([2, 3, 4, 5])
    expect(slice(v, 0, -2).toArray()).toEqual([4, 5])
    expect(slice(v, 0, 0, -1, 2).toArray()).toEqual([0, 2, 4])
    expect(slice(v, 0, -100, 100, 4).toArray()).toEqual([0, 4])
    expect(slice(v, 0, 4, 2).toArray()).toEqual([])
    expect(slice(v, 0, 7).shape).toEqual([0])
  })

  it('slices inner dimensions and keeps int32', () => {
    const m = range(12, [3, 4])
    expect(slice(m, 1, 1, 3).toArray()).toEqual([
      [1, 2],
      [5, 6],
      [9, 10],
    ])
    expect(slice(m, -2, 0, 3, 2).toArray()).toEqual([
      [0, 1, 2, 3],
      [8, 9, 10, 11],
    ])
    expect(slice(new Tensor(Int32Array.of(1, 2, 3), [3]), 0, 1).dtype).toBe('int32')
  })

  it('passes gradCheck, with zero gradient outside the slice', () => {
    const x = new Tensor(
      Float32Array.from({ length: 30 }, (_, i) => Math.sin(i)),
      [5, 3, 2],
      true,
    )
    expect(gradCheck((a) => slice(a, 0, 1, 5, 2), [x]).ok).toBe(true)
    expect(gradCheck((a) => slice(a, 1, -2), [x]).ok).toBe(true)
    const y = range(5, [5], true)
    slice(y, 0, 1, 5, 3).sum().backward()
    expect(Array.from(y.grad!.data)).toEqual([0, 1, 0, 0, 1])
  })

  it('rejects bad steps, non-integer bounds and 0-d tensors', () => {
    expect(() => slice(v, 0, 0, 6, 0)).toThrow(ArgumentError)
    expect(() => slice(v, 0, 0, 6, -1)).toThrow(/slice: step must be positive, got -1/)
    expect(() => slice(v, 0, 0.5)).toThrow(/start must be an integer/)
    expect(() => slice(new Tensor(Float32Array.of(1), []), 0, 0)).toThrow(ShapeError)
    expect(() => slice(v, 1, 0)).toThrow(/slice: dimension 1 is out of range/)
  })
})
