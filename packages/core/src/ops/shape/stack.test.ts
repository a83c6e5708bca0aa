import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { stack } from './stack'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('stack', () => {
  it('joins along a new dimension', () => {
    const a = t([1, 2], [2])
    const b = t([3, 4], [2])
    expect(stack([a, b]).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(stack([a, b], 1).toArray()).toEqual([
      [1, 3],
      [2, 4],
    ])
    expect(stack([a, b], -1).toArray()).toEqual([
      [1, 3],
      [2, 4],
    ])
  })

  it('stacks 0-d tensors into a vector', () => {
    expect(stack([t([5], []), t([6], [])]).toArray()).toEqual([5, 6])
  })

  it('passes gradCheck', () => {
    const a = t([0.1, -0.7, 1.4, 0.3, 2.2, -1.1], [2, 3], true)
    const b = t([0.5, 0.9, -0.2, 1.8, -0.6, 0.4], [2, 3], true)
    for (const dim of [0, 1, 2, -1]) {
      expect(gradCheck((x, y) => stack([x, y], dim), [a, b]).ok).toBe(true)
    }
  })

  it('names both shapes when they differ', () => {
    expect(() => stack([t([1, 2], [2]), t([1, 2, 3], [3])])).toThrow(ShapeError)
    expect(() => stack([t([1, 2], [2]), t([1, 2, 3], [3])])).toThrow(
      /stack: tensor 1 has shape \[3\] but tensor 0 has shape \[2\]/,
    )
  })

  it('rejects an empty list and dimensions out of range', () => {
    expect(() => stack([])).toThrow(ArgumentError)
    expect(() => stack([t([1, 2], [2])], 2)).toThrow(/stack: dimension 2 is out of range/)
  })
})
