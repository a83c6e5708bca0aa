import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { setToZero } from './set-to-zero'

describe('setToZero', () => {
  it('returns zero updates of the gradients shapes', () => {
    const grads = { g: new Tensor(Float32Array.of(1, -2, 3, 4), [2, 2]) }
    const t = setToZero()
    const { updates } = t.update(grads, t.init(grads))
    expect(updates.g!.shape).toEqual([2, 2])
    expect(Array.from(updates.g!.data)).toEqual([0, 0, 0, 0])
  })
})
