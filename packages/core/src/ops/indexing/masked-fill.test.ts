import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { maskedFill } from './masked-fill'

const f = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('maskedFill', () => {
  it('fills where the mask is non-zero, broadcasting the mask', () => {
    const x = f([1, 2, 3, 4, 5, 6], [2, 3])
    expect(maskedFill(x, f([1, 0, 1], [3]), -1).toArray()).toEqual([
      [-1, 2, -1],
      [-1, 5, -1],
    ])
    expect(maskedFill(x, new Tensor(Int32Array.of(0, 1), [2, 1]), 0).toArray()).toEqual([
      [1, 2, 3],
      [0, 0, 0],
    ])
  })

  it('masks attention scores with -Infinity and keeps the dtype of x', () => {
    const scores = maskedFill(f([0.5, 0.25], [2]), f([0, 1], [2]), Number.NEGATIVE_INFINITY)
    expect(Array.from(scores.data)).toEqual([0.5, Number.NEGATIVE_INFINITY])
    expect(maskedFill(new Tensor(Int32Array.of(1, 2), [2]), f([1, 0], [2]), 7).dtype).toBe('int32')
  })

  it('broadcasts x to the mask shape when the mask is larger', () => {
    expect(maskedFill(f([1, 2], [2]), f([1, 0], [2, 1]), 9).toArray()).toEqual([
      [9, 9],
      [1, 2],
    ])
  })

  it('passes gradCheck, with zero gradient at filled positions', () => {
    const x = f([0.3, -1.2, 2.5, 0.7, -0.4, 1.1], [2, 3], true)
    const mask = f([1, 0, 0, 0, 1, 1], [2, 3])
    expect(gradCheck((a) => maskedFill(a, mask, 4), [x]).ok).toBe(true)
    expect(gradCheck((a) => maskedFill(a, f([0, 1], [2, 1, 1]), 4), [x]).ok).toBe(true)
    const y = f([1, 2, 3], [3], true)
    maskedFill(y, f([0, 1, 0], [3]), 5)
      .sum()
      .backward()
    expect(Array.from(y.grad!.data)).toEqual([1, 0, 1])
  })

  it('names both shapes when the mask does not broadcast', () => {
    expect(() => maskedFill(f([1, 2, 3], [3]), f([1, 0], [2]), 0)).toThrow(ShapeError)
    expect(() => maskedFill(f([1, 2, 3], [3]), f([1, 0], [2]), 0)).toThrow(
      /maskedFill: shapes do not broadcast: \[3\] and \[2\]/,
    )
  })
})
