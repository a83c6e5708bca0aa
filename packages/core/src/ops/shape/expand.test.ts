import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { expand } from './expand'

const col = (requiresGrad = false) => new Tensor(Float32Array.of(1, 2, 3), [3, 1], requiresGrad)

describe('expand', () => {
  it('stretches size-1 dimensions, keeps -1 sizes and adds leading dimensions', () => {
    expect(expand(col(), [-1, 2]).toArray()).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ])
    const y = expand(col(), [2, 3, -1])
    expect(y.shape).toEqual([2, 3, 1])
    expect(Array.from(y.data)).toEqual([1, 2, 3, 1, 2, 3])
    expect(expand(col(), [3, 0]).shape).toEqual([3, 0])
  })

  it('passes gradCheck (the gradient sums over the expanded dimensions)', () => {
    expect(gradCheck((x) => expand(x, [2, -1, 4]), [col(true)]).ok).toBe(true)
    const x = col(true)
    expand(x, [2, 3, 2]).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([4, 4, 4])
  })

  it('names both shapes when a dimension cannot be expanded', () => {
    expect(() => expand(col(), [4, 2])).toThrow(ShapeError)
    expect(() => expand(col(), [4, 2])).toThrow(/expand: cannot expand \[3,1\] to \[4,2\]/)
    expect(() => expand(col(), [2])).toThrow(/expand: sizes \[2\] have fewer dimensions.*\[3,1\]/)
  })

  it('rejects -1 for new leading dimensions and invalid sizes', () => {
    expect(() => expand(col(), [-1, 3, 1])).toThrow(ArgumentError)
    expect(() => expand(col(), [-1, 3, 1])).toThrow(/new leading dimensions/)
    expect(() => expand(col(), [3, 1.5])).toThrow(/invalid size 1.5/)
  })
})
