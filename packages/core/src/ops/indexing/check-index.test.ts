import { describe, expect, it } from 'vitest'
import { ArgumentError, DTypeError } from '../../errors'
import { Tensor } from '../../tensor'
import { checkIndex } from './check-index'

describe('checkIndex', () => {
  it('returns the int32 storage of a valid index', () => {
    const index = new Tensor(Int32Array.of(0, 2, 1), [3])
    expect(checkIndex('op', index, 0, [3, 5])).toBe(index.data)
  })

  it('names the first bad index, its position, the dimension and the valid range', () => {
    const index = new Tensor(Int32Array.of(0, 1, 4, 2, -1, 0), [2, 3])
    expect(() => checkIndex('gather', index, 1, [2, 4])).toThrow(ArgumentError)
    expect(() => checkIndex('gather', index, 1, [2, 4])).toThrow(
      'gather: index 4 at position [0,2] is out of range for dimension 1 of size 4 (shape [2,4]) (help: indices must lie in [0, 3])',
    )
    const negative = new Tensor(Int32Array.of(-1), [1])
    expect(() => checkIndex('gather', negative, 0, [3])).toThrow(/index -1 at position \[0\]/)
    expect(() => checkIndex('gather', negative, 0, [0])).toThrow(/dimension is empty/)
  })

  it('requires an int32 index', () => {
    const index = new Tensor(Float32Array.of(0), [1])
    expect(() => checkIndex('indexSelect', index, 0, [2])).toThrow(DTypeError)
    expect(() => checkIndex('indexSelect', index, 0, [2])).toThrow(/index must be int32/)
  })
})
