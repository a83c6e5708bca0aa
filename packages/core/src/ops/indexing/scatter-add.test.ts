import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, DTypeError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { scatterAdd } from './scatter-add'

const f = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)
const ix = (values: number[], shape: number[]) => new Tensor(Int32Array.from(values), shape)
const wave = (n: number, shape: number[]) =>
  f(
    Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + 0.4)),
    shape,
    true,
  )

describe('scatterAdd', () => {
  it('adds src into a copy of x at the indexed positions, accumulating repeats', () => {
    const x = f([0, 0, 0, 0, 0, 0], [2, 3])
    const out = scatterAdd(x, 1, ix([0, 0, 2, 1], [2, 2]), f([1, 2, 3, 4], [2, 2]))
    expect(out.toArray()).toEqual([
      [3, 0, 0],
      [0, 4, 3],
    ])
    expect(Array.from(x.data)).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('builds per-class sums along dim 0 (index taller than x, src wider than index)', () => {
    const sums = scatterAdd(
      f([10, 20, 30, 40], [2, 2]),
      0,
      ix([1, 0, 1, 1, 0, 0], [3, 2]),
      f([1, 2, 9, 3, 4, 9, 5, 6, 9], [3, 3]),
    )
    expect(sums.toArray()).toEqual([
      [15, 28],
      [34, 44],
    ])
  })

  it('passes gradCheck for x and src, also with src larger than the index', () => {
    const index = ix([3, 3, 1, 0], [2, 2])
    expect(
      gradCheck((a, s) => scatterAdd(a, 1, index, s), [wave(8, [2, 4]), wave(4, [2, 2])]).ok,
    ).toBe(true)
    expect(
      gradCheck((a, s) => scatterAdd(a, 1, index, s), [wave(8, [2, 4]), wave(9, [3, 3])]).ok,
    ).toBe(true)
    const index3d = ix([0, 2, 1, 1, 2, 0, 0, 0], [2, 2, 2])
    expect(
      gradCheck((a, s) => scatterAdd(a, -2, index3d, s), [wave(12, [2, 3, 2]), wave(8, [2, 2, 2])])
        .ok,
    ).toBe(true)
  })

  it('gives src a zero gradient outside the index box, and x the gradient itself', () => {
    const x = wave(4, [2, 2])
    const src = wave(6, [2, 3])
    scatterAdd(x, 1, ix([1, 1], [2, 1]), src).backward(f([1, 2, 3, 4], [2, 2]))
    expect(src.grad!.toArray()).toEqual([
      [2, 0, 0],
      [4, 0, 0],
    ])
    expect(x.grad!.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  it('rejects out-of-range indices, naming the index and the range', () => {
    const x = f([0, 0, 0, 0], [2, 2])
    expect(() => scatterAdd(x, 0, ix([0, -1], [1, 2]), f([1, 1], [1, 2]))).toThrow(ArgumentError)
    expect(() => scatterAdd(x, 0, ix([0, -1], [1, 2]), f([1, 1], [1, 2]))).toThrow(
      /scatterAdd: index -1 at position \[0,1\] is out of range for dimension 0 of size 2.*\[0, 1\]/,
    )
  })

  it('rejects shapes that do not fit, naming all three, and a src of another dtype', () => {
    const x = f([0, 0, 0, 0], [2, 2])
    expect(() => scatterAdd(x, 0, ix([0, 0], [1, 2]), f([1], [1, 1]))).toThrow(ShapeError)
    expect(() => scatterAdd(x, 0, ix([0, 0], [1, 2]), f([1], [1, 1]))).toThrow(
      /\[2,2\], \[1,2\], \[1,1\]/,
    )
    expect(() =>
      scatterAdd(x, 0, ix([0, 0], [1, 2]), new Tensor(Int32Array.of(1, 1), [1, 2])),
    ).toThrow(DTypeError)
  })
})
