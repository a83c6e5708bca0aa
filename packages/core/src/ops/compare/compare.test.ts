import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { eq } from './eq'
import { ge } from './ge'
import { gt } from './gt'
import { le } from './le'
import { lt } from './lt'
import { ne } from './ne'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('comparisons', () => {
  const a = t([1, 2, 3, 4, 5, 6], [2, 3])
  const b = t([2, 2, 5], [3])

  it.each([
    ['eq', eq, [0, 1, 0, 0, 0, 0]],
    ['ne', ne, [1, 0, 1, 1, 1, 1]],
    ['lt', lt, [1, 0, 1, 0, 0, 0]],
    ['le', le, [1, 1, 1, 0, 0, 0]],
    ['gt', gt, [0, 0, 0, 1, 1, 1]],
    ['ge', ge, [0, 1, 0, 1, 1, 1]],
  ] as const)('%s gives a float32 0/1 mask with broadcasting', (_, op, expected) => {
    const m = op(a, b)
    expect(m.dtype).toBe('float32')
    expect(m.shape).toEqual([2, 3])
    expect(Array.from(m.data)).toEqual(expected)
  })

  it('compares with numbers and int32 tensors', () => {
    expect(Array.from(gt(a, 3).data)).toEqual([0, 0, 0, 1, 1, 1])
    expect(Array.from(le(2, b).data)).toEqual([1, 1, 1])
    const m = eq(new Tensor(Int32Array.of(3, 1), [2]), new Tensor(Int32Array.of(3, 2), [2]))
    expect(m.dtype).toBe('float32')
    expect(Array.from(m.data)).toEqual([1, 0])
  })

  it('treats NaN as unequal to everything, itself included', () => {
    const n = t([Number.NaN], [1])
    expect(eq(n, n).data[0]).toBe(0)
    expect(ne(n, n).data[0]).toBe(1)
    expect(lt(n, 1).data[0]! + ge(n, 1).data[0]!).toBe(0)
  })

  it('stays off the graph even for inputs that need gradients', () => {
    const x = t([1, 2], [2], true)
    const m = lt(x, 1.5)
    expect(m.requiresGrad).toBe(false)
    expect(m.gradFn).toBeNull()
  })

  it('names both shapes when they do not broadcast', () => {
    expect(() => eq(t([1, 2], [2]), t([1, 2, 3], [3]))).toThrow(ShapeError)
    expect(() => ge(t([1, 2], [2]), t([1, 2, 3], [3]))).toThrow(/ge: .*\[2\] and \[3\]/)
  })
})
