import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { max, min } from './max-min'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

/** Distinct values at least 4/size apart, in scrambled order (no ties for gradCheck). */
const distinct = (shape: number[]) => {
  const size = shape.reduce((a, b) => a * b, 1)
  const values = Array.from({ length: size }, (_, i) => (((i * 37) % size) / size) * 4 - 2)
  return t(values, shape, true)
}

describe('max / min', () => {
  const x = t([1, 5, 3, 4, 2, 6], [2, 3])

  it('reduces over one dimension, several, or all', () => {
    expect(max(x, 1).toArray()).toEqual([5, 6])
    expect(min(x, 0).toArray()).toEqual([1, 2, 3])
    expect(max(x).toArray()).toEqual(6)
    expect(min(x, [0, 1]).toArray()).toEqual(1)
    expect(max(x, -1, true).shape).toEqual([2, 1])
    expect(min(x, undefined, true).shape).toEqual([1, 1])
  })

  it('keeps int32 and propagates NaN', () => {
    expect(max(new Tensor(Int32Array.of(3, -7, 9), [3])).dtype).toBe('int32')
    expect(max(new Tensor(Int32Array.of(3, -7, 9), [3])).item()).toBe(9)
    expect(max(t([1, Number.NaN, 3], [3])).item()).toBeNaN()
    expect(min(t([Number.NaN, 1, 3], [3])).item()).toBeNaN()
  })

  it('sends the gradient to the extreme element', () => {
    const y = t([1, 5, 3, 4, 2, 6], [2, 3], true)
    max(y, 1).sum().backward()
    expect(Array.from(y.grad!.data)).toEqual([0, 1, 0, 0, 0, 1])
    y.grad = null
    min(y, 0).sum().backward()
    expect(Array.from(y.grad!.data)).toEqual([1, 0, 1, 0, 1, 0])
  })

  it('splits the gradient evenly between tied elements', () => {
    const y = t([1, 3, 3, 0, 0, 0], [2, 3], true)
    max(y).backward()
    expect(Array.from(y.grad!.data)).toEqual([0, 0.5, 0.5, 0, 0, 0])
    y.grad = null
    min(y, 1).sum().backward()
    const third = Math.fround(1 / 3)
    expect(Array.from(y.grad!.data)).toEqual([1, 0, 0, third, third, third])
  })

  it.each([
    [[2, 3, 4], undefined, false],
    [[2, 3, 4], 1, false],
    [[2, 3, 4], -1, true],
    [[2, 3, 4], [0, 2], false],
    [[5], 0, true],
  ] as const)('passes gradCheck on %j over %j (keepdim %s)', (shape, dim, keepdim) => {
    expect(gradCheck((a) => max(a, dim, keepdim), [distinct([...shape])]).ok).toBe(true)
    expect(gradCheck((a) => min(a, dim, keepdim), [distinct([...shape])]).ok).toBe(true)
  })

  it('rejects empty reductions and bad dimensions', () => {
    expect(() => max(t([], [2, 0]), 1)).toThrow(ShapeError)
    expect(max(t([], [0, 2]), 1).shape).toEqual([0])
    expect(() => min(x, 2)).toThrow(/dimension 2 is out of range/)
  })
})
