import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { checkNonEmptyReduction, dimLayout, reductionIndex } from './reduce-layout'

describe('reductionIndex', () => {
  it('maps each element to its slot in the kept shape', () => {
    // [2,3] reduced over dim 1 → slots [0,0,0,1,1,1]; over dim 0 → [0,1,2,0,1,2].
    expect(Array.from(reductionIndex([2, 3], [1]))).toEqual([0, 0, 0, 1, 1, 1])
    expect(Array.from(reductionIndex([2, 3], [0]))).toEqual([0, 1, 2, 0, 1, 2])
  })

  it('handles several dimensions, all dimensions and empty tensors', () => {
    // [2,2,2] over dims 0 and 2 keeps dim 1: element (a,b,c) → b.
    expect(Array.from(reductionIndex([2, 2, 2], [0, 2]))).toEqual([0, 0, 1, 1, 0, 0, 1, 1])
    expect(Array.from(reductionIndex([2, 3], [0, 1]))).toEqual([0, 0, 0, 0, 0, 0])
    expect(reductionIndex([0, 3], [1]).length).toBe(0)
  })
})

describe('dimLayout', () => {
  it('splits a shape around a dimension', () => {
    expect(dimLayout([2, 3, 4], 1)).toEqual({ outer: 2, size: 3, inner: 4 })
    expect(dimLayout([2, 3, 4], 2)).toEqual({ outer: 6, size: 4, inner: 1 })
    expect(dimLayout([], 0)).toEqual({ outer: 1, size: 1, inner: 1 })
  })
})

describe('checkNonEmptyReduction', () => {
  it('rejects reductions over no elements, naming the shape', () => {
    expect(() => checkNonEmptyReduction('max', [3, 0], [1])).toThrow(ShapeError)
    expect(() => checkNonEmptyReduction('max', [3, 0], [1])).toThrow(/\[3,0\]/)
    expect(() => checkNonEmptyReduction('max', [0, 3], [1])).not.toThrow()
  })
})
