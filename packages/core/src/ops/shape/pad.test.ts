import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { type PadMode, pad } from './pad'

const v = (values: number[], shape = [values.length], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('pad', () => {
  it('pads the last dimension first, with zeros or a value', () => {
    expect(pad(v([1, 2]), [1, 2]).toArray()).toEqual([0, 1, 2, 0, 0])
    expect(pad(v([1, 2, 3, 4], [2, 2]), [0, 1, 1, 0], 9).toArray()).toEqual([
      [9, 9, 9],
      [1, 2, 9],
      [3, 4, 9],
    ])
    expect(pad(v([1, 2]), [1, 0], 'constant', 7).toArray()).toEqual([7, 1, 2])
  })

  it('crops with negative padding, down to an empty dimension', () => {
    expect(pad(v([1, 2, 3, 4]), [-1, -2]).toArray()).toEqual([2])
    expect(pad(v([1, 2, 3]), [-3, 0]).shape).toEqual([0])
    expect(pad(v([1, 2, 3]), [2, -2], 5).toArray()).toEqual([5, 5, 1])
  })

  it('reflects without repeating the edge, and replicates the edge', () => {
    expect(pad(v([1, 2, 3]), [2, 1], 'reflect').toArray()).toEqual([3, 2, 1, 2, 3, 2])
    expect(pad(v([1, 2, 3]), [2, -1], 'reflect').toArray()).toEqual([3, 2, 1, 2])
    expect(pad(v([1, 2, 3]), [2, 1], 'replicate').toArray()).toEqual([1, 1, 1, 2, 3, 3])
    expect(pad(v([1, 2, 3, 4], [2, 2]), [1, 0, 0, 1], 'replicate').toArray()).toEqual([
      [1, 1, 2],
      [3, 3, 4],
      [3, 3, 4],
    ])
  })

  it('returns a copy for zero padding in every mode, and keeps int32', () => {
    const x = v([1, 2])
    for (const mode of ['constant', 'reflect', 'replicate'] as PadMode[]) {
      const y = pad(x, [0, 0], mode)
      expect(y.toArray()).toEqual([1, 2])
      expect(y.data).not.toBe(x.data)
    }
    expect(pad(new Tensor(Int32Array.of(1, 2), [2]), [1, 1], 3).toArray()).toEqual([3, 1, 2, 3])
  })

  it.each(['constant', 'reflect', 'replicate'] as PadMode[])(
    'passes gradCheck in %s mode',
    (mode) => {
      const x = v(
        Array.from({ length: 24 }, (_, i) => Math.sin(i * 0.7)),
        [2, 3, 4],
        true,
      )
      expect(gradCheck((a) => pad(a, [2, 1, -1, 2], mode), [x]).ok).toBe(true)
      expect(gradCheck((a) => pad(a, [0, 0, 1, 1, 1, 0], mode), [x]).ok).toBe(true)
    },
  )

  it('sums the gradient of repeated edge values in replicate mode', () => {
    const x = v([1, 2, 3], [3], true)
    pad(x, [2, 1], 'replicate').sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([3, 1, 2])
  })

  it('rejects malformed padding, naming the shape', () => {
    const x = v([1, 2, 3, 4], [2, 2])
    expect(() => pad(x, [1])).toThrow(ShapeError)
    expect(() => pad(x, [1])).toThrow(/pad: padding \[1\] has 1 values for shape \[2,2\]/)
    expect(() => pad(x, [1, 1, 1, 1, 1, 1])).toThrow(ShapeError)
    expect(() => pad(x, [-2, -1])).toThrow(/crops more than dimension 1 of size 2/)
    expect(() => pad(x, [0.5, 0])).toThrow(ArgumentError)
  })

  it('rejects reflect padding as large as the dimension and replicate of an empty one', () => {
    expect(() => pad(v([1, 2]), [2, 0], 'reflect')).toThrow(
      /pad: reflect padding \(2, 0\) of dimension 0 must be smaller than its size 2/,
    )
    expect(() => pad(v([]), [1, 0], 'replicate')).toThrow(ShapeError)
  })

  it('rejects unknown modes and a fill value outside constant mode', () => {
    expect(() => pad(v([1]), [1, 1], 'circular' as PadMode)).toThrow(/unknown mode 'circular'/)
    expect(() => pad(v([1, 2]), [1, 1], 'reflect', 3)).toThrow(ArgumentError)
  })
})
