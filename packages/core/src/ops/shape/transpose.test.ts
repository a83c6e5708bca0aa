import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError } from '../../errors'
import { Tensor } from '../../tensor'
import { transpose } from './transpose'

describe('transpose', () => {
  it('swaps two dimensions', () => {
    const x = new Tensor(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3])
    expect(transpose(x, 0, 1).toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ])
    const y = new Tensor(
      Float32Array.from({ length: 8 }, (_, i) => i),
      [2, 2, 2],
    )
    expect(transpose(y, -1, 0).toArray()).toEqual([
      [
        [0, 4],
        [2, 6],
      ],
      [
        [1, 5],
        [3, 7],
      ],
    ])
  })

  it('copies unchanged when both dimensions are the same, also for 0-d tensors', () => {
    const x = new Tensor(Float32Array.of(1, 2), [2])
    expect(transpose(x, 0, -1).toArray()).toEqual([1, 2])
    expect(transpose(new Tensor(Float32Array.of(3), []), 0, 0).toArray()).toBe(3)
  })

  it('passes gradCheck', () => {
    const x = new Tensor(
      Float32Array.from({ length: 24 }, (_, i) => Math.cos(i * 0.9)),
      [2, 3, 4],
      true,
    )
    expect(gradCheck((t) => transpose(t, 0, 2), [x]).ok).toBe(true)
    expect(gradCheck((t) => transpose(t, -1, -2), [x]).ok).toBe(true)
  })

  it('rejects dimensions out of range', () => {
    const x = new Tensor(Float32Array.of(1, 2), [2])
    expect(() => transpose(x, 0, 1)).toThrow(ArgumentError)
    expect(() => transpose(x, 0, 1)).toThrow(/transpose: dimension 1 is out of range/)
  })
})
