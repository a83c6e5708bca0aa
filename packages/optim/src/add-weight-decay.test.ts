import { StateError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { addWeightDecay } from './add-weight-decay'

const params = { w: new Tensor(Float32Array.of(2, -4), [2]) }
const grads = { w: new Tensor(Float32Array.of(1, 1), [2]) }

describe('addWeightDecay', () => {
  it('adds weightDecay · p to the update', () => {
    const t = addWeightDecay(0.25)
    const { updates } = t.update(grads, t.init(params), params)
    expect(Array.from(updates.w!.data)).toEqual([1.5, 0])
  })

  it('passes updates through at 0 and follows a schedule', () => {
    const t = addWeightDecay((step) => step)
    const first = t.update(grads, t.init(params), params)
    expect(Array.from(first.updates.w!.data)).toEqual(Array.from(grads.w!.data))
    expect(Array.from(t.update(grads, first.state, params).updates.w!.data)).toEqual([3, -3])
  })

  it('needs the parameters', () => {
    const t = addWeightDecay(0.1)
    expect(() => t.update(grads, t.init(params))).toThrow(StateError)
    expect(() => t.update(grads, t.init(params))).toThrow(/called without them/)
  })
})
