import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { clipByNorm } from './clip-by-norm'

describe('clipByNorm', () => {
  it('clips each tensor to its own norm, leaving small ones and the inputs alone', () => {
    const grads = {
      big: new Tensor(Float32Array.of(6, 8), [2]),
      small: new Tensor(Float32Array.of(0.3, 0.4), [2]),
    }
    const t = clipByNorm(1)
    const { updates } = t.update(grads, t.init(grads))
    expect(updates.big!.data[0]).toBeCloseTo(0.6, 6)
    expect(updates.big!.data[1]).toBeCloseTo(0.8, 6)
    expect(Array.from(updates.small!.data)).toEqual(Array.from(grads.small.data))
    expect(Array.from(grads.big.data)).toEqual([6, 8])
  })

  it('uses the given norm type', () => {
    const grads = { g: new Tensor(Float32Array.of(-4, 1), [2]) }
    const t = clipByNorm(2, Number.POSITIVE_INFINITY)
    const { updates } = t.update(grads, t.init(grads))
    expect(updates.g!.data[0]).toBeCloseTo(-2, 5)
    expect(updates.g!.data[1]).toBeCloseTo(0.5, 5)
  })
})
