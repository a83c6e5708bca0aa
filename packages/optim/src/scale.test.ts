import { ArgumentError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { scale, scaleByLr } from './scale'

const grads = { g: new Tensor(Float32Array.of(1, -2), [2]) }

describe('scale and scaleByLr', () => {
  it('scale multiplies by a constant and keeps no state', () => {
    const t = scale(-3)
    const { updates, state } = t.update(grads, t.init(grads))
    expect(Array.from(updates.g!.data)).toEqual([-3, 6])
    expect(state).toEqual({})
    expect(() => scale(Number.POSITIVE_INFINITY)).toThrow(ArgumentError)
  })

  it('scaleByLr multiplies by −lr, evaluating a schedule at its update count', () => {
    const t = scaleByLr((step) => 0.5 ** step)
    let state = t.init(grads)
    const seen: number[] = []
    for (let i = 0; i < 3; i++) {
      const r = t.update(grads, state)
      seen.push(r.updates.g!.data[0]!)
      state = r.state
    }
    expect(seen).toEqual([-1, -0.5, -0.25])
    expect(state.hyper.count).toBe(3)
    expect(() => scaleByLr(-1)).toThrow(/scaleByLr: lr must be a finite number ≥ 0/)
  })
})
