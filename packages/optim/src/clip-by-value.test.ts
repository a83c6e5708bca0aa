import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { clipByValue } from './clip-by-value'

describe('clipByValue', () => {
  it('clamps copies of the updates', () => {
    const grads = { g: new Tensor(Float32Array.of(-3, 0.5, 2), [3]) }
    const t = clipByValue(1)
    const { updates } = t.update(grads, t.init(grads))
    expect(Array.from(updates.g!.data)).toEqual([-1, 0.5, 1])
    expect(Array.from(grads.g.data)).toEqual([-3, 0.5, 2])
  })

  it('checks its bound when built', () => {
    expect(() => clipByValue(Number.NaN)).toThrow(/clipByValue: clipValue must be ≥ 0/)
  })
})
