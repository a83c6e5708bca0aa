import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { argmax, argmin } from './argmax-argmin'

const t = (values: number[], shape: number[]) => new Tensor(Float32Array.from(values), shape)

describe('argmax / argmin', () => {
  const x = t([1, 5, 3, 4, 2, 6, 0, 9, 8, 7, -1, 2], [2, 3, 2])

  it('returns int32 indices along a dimension', () => {
    const a = argmax(x, 1)
    expect(a.dtype).toBe('int32')
    expect(a.toArray()).toEqual([
      [1, 2],
      [1, 0],
    ])
    expect(argmin(x, 2).toArray()).toEqual([
      [0, 0, 0],
      [0, 1, 0],
    ])
    expect(argmax(x, 0, true).shape).toEqual([1, 3, 2])
  })

  it('indexes the flattened tensor when dim is omitted', () => {
    expect(argmax(x).toArray()).toEqual(7)
    expect(argmin(x).toArray()).toEqual(10)
    expect(argmax(x, undefined, true).shape).toEqual([1, 1, 1])
  })

  it('picks the first index on ties and treats NaN as the extreme', () => {
    expect(argmax(t([2, 7, 7, 1], [4])).item()).toBe(1)
    expect(argmin(t([2, 1, 7, 1], [4])).item()).toBe(1)
    expect(argmax(t([2, Number.NaN, 7, Number.NaN], [4])).item()).toBe(1)
    expect(argmin(t([2, 1, Number.NaN], [3])).item()).toBe(2)
  })

  it('works on int32 input and records no graph', () => {
    expect(argmax(new Tensor(Int32Array.of(4, 9, 1), [3])).item()).toBe(1)
    const y = new Tensor(Float32Array.of(1, 2), [2], true)
    expect(argmax(y).requiresGrad).toBe(false)
  })

  it('rejects reductions over an empty dimension', () => {
    expect(() => argmax(t([], [2, 0]), 1)).toThrow(ShapeError)
    expect(() => argmin(t([], [0]))).toThrow(ShapeError)
    expect(argmax(t([], [0, 3]), 1).shape).toEqual([0])
  })
})
