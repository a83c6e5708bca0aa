import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError } from '../../errors'
import { Tensor } from '../../tensor'
import { flatten } from './flatten'

const x = new Tensor(
  Float32Array.from({ length: 24 }, (_, i) => i),
  [2, 3, 4],
)

describe('flatten', () => {
  it('merges all dimensions by default and shares storage', () => {
    const y = flatten(x)
    expect(y.shape).toEqual([24])
    expect(y.data).toBe(x.data)
  })

  it('merges a range of dimensions, negative ends included', () => {
    expect(flatten(x, 1).shape).toEqual([2, 12])
    expect(flatten(x, 0, 1).shape).toEqual([6, 4])
    expect(flatten(x, -2, -1).shape).toEqual([2, 12])
    expect(flatten(x, 1, 1).shape).toEqual([2, 3, 4])
    expect(flatten(new Tensor(new Float32Array(0), [0, 3])).shape).toEqual([0])
  })

  it('turns a 0-d tensor into shape [1]', () => {
    expect(flatten(new Tensor(Float32Array.of(4), [])).shape).toEqual([1])
  })

  it('passes gradCheck', () => {
    const t = new Tensor(
      Float32Array.from({ length: 12 }, (_, i) => Math.sin(i)),
      [3, 2, 2],
      true,
    )
    expect(gradCheck((a) => flatten(a, 1), [t]).ok).toBe(true)
  })

  it('rejects startDim after endDim', () => {
    expect(() => flatten(x, 2, 1)).toThrow(ArgumentError)
    expect(() => flatten(x, 2, 1)).toThrow(
      /flatten: startDim 2 comes after endDim 1 for shape \[2,3,4\]/,
    )
  })
})
