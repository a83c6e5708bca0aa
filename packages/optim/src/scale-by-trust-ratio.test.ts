import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { scaleByTrustRatio } from './scale-by-trust-ratio'

describe('scaleByTrustRatio', () => {
  it('scales each tensor by η·‖w‖/‖u‖', () => {
    const params = {
      a: new Tensor(Float32Array.of(3, 4), [2]),
      b: new Tensor(Float32Array.of(1, 0), [2]),
    }
    const grads = {
      a: new Tensor(Float32Array.of(0, 0.5), [2]),
      b: new Tensor(Float32Array.of(2, 0), [2]),
    }
    const t = scaleByTrustRatio({ trustCoefficient: 0.1 })
    const { updates } = t.update(grads, t.init(params), params)
    // a: 0.1·5/0.5 = 1; b: 0.1·1/2 = 0.05
    expect(updates.a!.data[1]).toBeCloseTo(0.5, 6)
    expect(updates.b!.data[0]).toBeCloseTo(0.1, 6)
  })

  it('uses a ratio of 1 where a norm is zero, and η = 1 when not given', () => {
    const params = {
      z: new Tensor(Float32Array.of(0, 0), [2]),
      w: new Tensor(Float32Array.of(2), []),
    }
    const grads = {
      z: new Tensor(Float32Array.of(3, 4), [2]),
      w: new Tensor(Float32Array.of(0), []),
    }
    const t = scaleByTrustRatio()
    const state = t.init(params)
    expect(Object.keys(state.hyper.spec.params)).toEqual([])
    const { updates } = t.update(grads, state, params)
    expect(Array.from(updates.z!.data)).toEqual([3, 4])
    expect(Array.from(updates.w!.data)).toEqual([0])
    const r = t.update({ w: new Tensor(Float32Array.of(-0.5), []) }, state, params)
    expect(r.updates.w!.item()).toBeCloseTo(-2, 6)
  })
})
