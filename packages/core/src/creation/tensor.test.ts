import { describe, expect, it } from 'vitest'
import { gradCheck } from '../autograd/grad-check'
import type { DType } from '../dtype'
import { ArgumentError, DTypeError, ShapeError } from '../errors'
import { mul } from '../ops/arithmetic/mul'
import type { NestedArray } from '../tensor'
import { tensor } from './tensor'

describe('tensor', () => {
  it('makes a 0-d tensor from a number', () => {
    const t = tensor(2.5)
    expect(t.shape).toEqual([])
    expect(t.dtype).toBe('float32')
    expect(t.item()).toBe(2.5)
  })

  it('infers the shape of nested arrays and copies row-major', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(t.shape).toEqual([2, 3])
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6])
    const cube = [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]
    expect(tensor(cube).toArray()).toEqual(cube)
    expect(tensor([]).shape).toEqual([0])
    expect(tensor([[], []]).shape).toEqual([2, 0])
    expect(tensor([0.1]).data[0]).toBe(Math.fround(0.1))
  })

  it('rejects ragged nested arrays, naming the element', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError)
    expect(() => tensor([[1, 2], [3]])).toThrow(
      /element \[1\] has length 1 but an array of length 2/,
    )
    expect(() => tensor([[1, 2], 3] as NestedArray)).toThrow(/element \[1\] is a number/)
    expect(() => tensor([1, [2]] as NestedArray)).toThrow(/element \[1\] is an array/)
    expect(() =>
      tensor([
        [[1], [2]],
        [[3], [4, 5]],
      ]),
    ).toThrow(/element \[1\]\[1\] has length 2/)
  })

  it('rejects values that are not numbers', () => {
    for (const bad of [[1, 'a'], [1, null], [1, undefined], [true]]) {
      expect(() => tensor(bad as unknown as NestedArray)).toThrow(ArgumentError)
    }
    expect(() => tensor([[1, 'x']] as unknown as NestedArray)).toThrow(
      /element \[0\]\[1\] is not a number: got string x/,
    )
  })

  it('converts to int32 by truncation toward zero and refuses values outside int32', () => {
    const t = tensor([1.7, -1.7, 2147483647], { dtype: 'int32' })
    expect(t.dtype).toBe('int32')
    expect(Array.from(t.data)).toEqual([1, -1, 2147483647])
    expect(() => tensor([2 ** 31], { dtype: 'int32' })).toThrow(/does not fit in int32/)
    expect(() => tensor([Number.NaN], { dtype: 'int32' })).toThrow(ArgumentError)
  })

  it('copies typed arrays, keeping integer arrays as int32', () => {
    const src = Float32Array.of(1, 2, 3, 4)
    const t = tensor(src, { shape: [2, 2] })
    expect(t.shape).toEqual([2, 2])
    src[0] = 99
    expect(t.data[0]).toBe(1)
    expect(tensor(Int32Array.of(5, 6)).dtype).toBe('int32')
    expect(tensor(Uint8Array.of(255, 0)).dtype).toBe('int32')
    expect(Array.from(tensor(Uint8Array.of(255, 0)).data)).toEqual([255, 0])
    const f64 = tensor(Float64Array.of(0.1, 1e40))
    expect(f64.dtype).toBe('float32')
    expect(Array.from(f64.data)).toEqual([Math.fround(0.1), Number.POSITIVE_INFINITY])
    expect(tensor(Int32Array.of(7), { dtype: 'float32' }).dtype).toBe('float32')
    expect(Array.from(tensor(Float32Array.of(2.9, -2.9), { dtype: 'int32' }).data)).toEqual([2, -2])
    expect(() => tensor(Uint32Array.of(2 ** 32 - 1))).toThrow(/does not fit in int32/)
    expect(tensor(Uint32Array.of(2 ** 32 - 1), { dtype: 'float32' }).data[0]).toBe(2 ** 32)
  })

  it('reshapes to options.shape when the counts match', () => {
    expect(tensor([1, 2, 3, 4, 5, 6], { shape: [3, 2] }).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
    expect(tensor(3, { shape: [1, 1] }).shape).toEqual([1, 1])
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(ShapeError)
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(/3 values do not fill shape \[2,2\]/)
    expect(() => tensor([1, 2], { shape: [-2] })).toThrow(ArgumentError)
  })

  it('makes autograd leaves with requiresGrad (float32 only)', () => {
    const a = tensor(
      [
        [0.5, -1.5, 2],
        [1, 0.25, -0.75],
      ],
      { requiresGrad: true },
    )
    const b = tensor([[1.5, -0.5, 2.5]], { requiresGrad: true })
    expect(a.requiresGrad && a.isLeaf).toBe(true)
    expect(gradCheck(mul, [a, b]).ok).toBe(true)
    expect(tensor([1]).requiresGrad).toBe(false)
    expect(() => tensor([1], { dtype: 'int32', requiresGrad: true })).toThrow(DTypeError)
    expect(() => tensor([1], { dtype: 'float64' as DType })).toThrow(/unknown dtype "float64"/)
  })
})
