import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, DTypeError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { gather } from './gather'

const x = (requiresGrad = false) =>
  new Tensor(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3], requiresGrad)
const ix = (values: number[], shape: number[]) => new Tensor(Int32Array.from(values), shape)

describe('gather', () => {
  it('reads along dim 1 and dim 0 (index no larger than x outside dim)', () => {
    expect(gather(x(), 1, ix([2, 0, 0, 1, 1, 1], [2, 3])).toArray()).toEqual([
      [3, 1, 1],
      [5, 5, 5],
    ])
    expect(gather(x(), 0, ix([1, 0, 1, 1], [2, 2])).toArray()).toEqual([
      [4, 2],
      [4, 5],
    ])
    expect(gather(x(), -1, ix([2, 2, 2, 2], [1, 4])).toArray()).toEqual([[3, 3, 3, 3]])
  })

  it('picks per-row labels like a cross-entropy target lookup', () => {
    const logits = new Tensor(Float32Array.of(0.1, 0.7, 0.2, 0.5, 0.3, 0.2), [2, 3])
    expect(Array.from(gather(logits, 1, ix([1, 0], [2, 1])).data)).toEqual([
      Math.fround(0.7),
      Math.fround(0.5),
    ])
  })

  it('passes gradCheck and accumulates repeated reads', () => {
    const t = new Tensor(
      Float32Array.from({ length: 24 }, (_, i) => Math.cos(i)),
      [2, 3, 4],
      true,
    )
    const index = ix([0, 2, 2, 1, 0, 0, 1, 1, 2, 2, 0, 1], [2, 2, 3])
    expect(gradCheck((a) => gather(a, 1, index), [t]).ok).toBe(true)
    const y = x(true)
    gather(y, 1, ix([2, 2, 0, 1, 1, 1], [2, 3]))
      .sum()
      .backward()
    expect(y.grad!.toArray()).toEqual([
      [1, 0, 2],
      [0, 3, 0],
    ])
  })

  it('rejects out-of-range indices naming the index, its position and the range', () => {
    expect(() => gather(x(), 1, ix([0, 3], [1, 2]))).toThrow(ArgumentError)
    expect(() => gather(x(), 1, ix([0, 3], [1, 2]))).toThrow(
      /gather: index 3 at position \[0,1\] is out of range for dimension 1 of size 3 \(shape \[2,3\]\).*\[0, 2\]/,
    )
  })

  it('rejects shapes that do not fit and float indices', () => {
    expect(() => gather(x(), 1, ix([0, 0, 0], [3, 1]))).toThrow(ShapeError)
    expect(() => gather(x(), 1, ix([0, 0], [2]))).toThrow(/\[2,3\], \[2\]/)
    expect(() => gather(x(), 1, new Tensor(Float32Array.of(0), [1, 1]))).toThrow(DTypeError)
  })
})
