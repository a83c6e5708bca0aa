import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, DTypeError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { indexSelect } from './index-select'

const m = (requiresGrad = false) =>
  new Tensor(
    Float32Array.from({ length: 12 }, (_, i) => i),
    [3, 4],
    requiresGrad,
  )
const ix = (...values: number[]) => new Tensor(Int32Array.from(values), [values.length])

describe('indexSelect', () => {
  it('picks rows and columns, with repeats', () => {
    expect(indexSelect(m(), 0, ix(2, 0)).toArray()).toEqual([
      [8, 9, 10, 11],
      [0, 1, 2, 3],
    ])
    expect(indexSelect(m(), -1, ix(3, 3, 1)).toArray()).toEqual([
      [3, 3, 1],
      [7, 7, 5],
      [11, 11, 9],
    ])
    expect(indexSelect(m(), 1, ix()).shape).toEqual([3, 0])
  })

  it('accepts a 0-d index and keeps int32 values', () => {
    const x = new Tensor(Int32Array.of(5, 6, 7), [3])
    const y = indexSelect(x, 0, new Tensor(Int32Array.of(2), []))
    expect(y.dtype).toBe('int32')
    expect(y.toArray()).toEqual([7])
  })

  it('passes gradCheck and accumulates gradients of repeated indices', () => {
    const x = new Tensor(
      Float32Array.from({ length: 24 }, (_, i) => Math.sin(i)),
      [2, 3, 4],
      true,
    )
    expect(gradCheck((a) => indexSelect(a, 1, ix(2, 0, 2, 2)), [x]).ok).toBe(true)
    const y = m(true)
    indexSelect(y, 1, ix(3, 3, 0))
      .sum()
      .backward()
    expect(y.grad!.toArray()).toEqual([
      [1, 0, 0, 2],
      [1, 0, 0, 2],
      [1, 0, 0, 2],
    ])
  })

  it('rejects out-of-range indices with the valid range', () => {
    expect(() => indexSelect(m(), 1, ix(0, 4))).toThrow(ArgumentError)
    expect(() => indexSelect(m(), 1, ix(0, 4))).toThrow(
      /indexSelect: index 4 at position \[1\] is out of range for dimension 1 of size 4.*\[0, 3\]/,
    )
  })

  it('rejects float indices, 2-D indices and 0-d inputs', () => {
    expect(() => indexSelect(m(), 0, new Tensor(Float32Array.of(0), [1]))).toThrow(DTypeError)
    const index2d = new Tensor(Int32Array.of(0, 1), [1, 2])
    expect(() => indexSelect(m(), 0, index2d)).toThrow(ShapeError)
    expect(() => indexSelect(m(), 0, index2d)).toThrow(/shapes \[3,4\] and \[1,2\]/)
    expect(() => indexSelect(new Tensor(Float32Array.of(1), []), 0, ix(0))).toThrow(ShapeError)
  })
})
