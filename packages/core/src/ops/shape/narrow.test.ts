import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError } from '../../errors'
import { Tensor } from '../../tensor'
import { narrow } from './narrow'

const m = new Tensor(
  Float32Array.from({ length: 12 }, (_, i) => i),
  [3, 4],
)

describe('narrow', () => {
  it('takes length entries from start, negative start counting from the end', () => {
    expect(narrow(m, 1, 1, 2).toArray()).toEqual([
      [1, 2],
      [5, 6],
      [9, 10],
    ])
    expect(narrow(m, 0, -1, 1).toArray()).toEqual([[8, 9, 10, 11]])
    expect(narrow(m, 0, 3, 0).shape).toEqual([0, 4])
  })

  it('passes gradCheck', () => {
    const x = new Tensor(
      Float32Array.from({ length: 8 }, (_, i) => Math.cos(i)),
      [2, 4],
      true,
    )
    expect(gradCheck((a) => narrow(a, 1, -3, 2), [x]).ok).toBe(true)
  })

  it('rejects ranges that do not fit, naming the dimension and the shape', () => {
    expect(() => narrow(m, 1, 2, 3)).toThrow(ArgumentError)
    expect(() => narrow(m, 1, 2, 3)).toThrow(
      /narrow: start 2 \+ length 3 does not fit dimension 1 of size 4 \(shape \[3,4\]\)/,
    )
    expect(() => narrow(m, 0, 4, 0)).toThrow(/start 4 is out of range.*\[-3, 3\]/)
    expect(() => narrow(m, 0, -4, 1)).toThrow(ArgumentError)
    expect(() => narrow(m, 0, 0, -1)).toThrow(ArgumentError)
  })
})
