import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { scaleByAdam } from './scale-by-adam'

const params = { w: new Tensor(new Float32Array(2), [2]), s: new Tensor(new Float32Array(1), []) }

describe('scaleByAdam', () => {
  it('first update is m̂ / (√v̂ + ε) = g / (|g| + ε)', () => {
    const t = scaleByAdam({ eps: 0.5 })
    const { updates, state } = t.update(
      { w: new Tensor(Float32Array.of(2, -0.5), [2]) },
      t.init(params),
    )
    expect(updates.w!.data[0]).toBeCloseTo(2 / 2.5, 6)
    expect(updates.w!.data[1]).toBeCloseTo(-0.5 / 1, 6)
    expect(state.buffers.w!.step.item()).toBe(1)
    expect(state.buffers.s!.step.item()).toBe(0)
    expect(state.buffers.w!.exp_avg.data[0]).toBeCloseTo(0.2, 6)
    expect(state.buffers.w!.exp_avg_sq.data[0]).toBeCloseTo(0.004, 8)
  })

  it('corrects bias with each parameter’s own step count', () => {
    const b1 = 0.5
    const b2 = 0.75
    const t = scaleByAdam({ beta1: b1, beta2: b2, eps: 0 })
    let state = t.init(params)
    const g = (v: number) => new Tensor(Float32Array.of(v), [])
    state = t.update({ s: g(1) }, state).state
    state = t.update({ w: new Tensor(Float32Array.of(1, 1), [2]) }, state).state
    const { updates } = t.update({ s: g(3) }, state)
    // s at its step 2: m = 0.5·0.5 + 0.5·3, v = 0.75·0.25 + 0.25·9
    const m = b1 * (1 - b1) * 1 + (1 - b1) * 3
    const v = b2 * (1 - b2) * 1 + (1 - b2) * 9
    expect(updates.s!.data[0]).toBeCloseTo(
      m / (1 - b1 ** 2) / (Math.sqrt(v) / Math.sqrt(1 - b2 ** 2)),
      5,
    )
  })

  it('with AMSGrad divides by the running maximum of v', () => {
    const t = scaleByAdam({ beta1: 0, beta2: 0.5, eps: 0, amsgrad: true })
    const s0 = t.init(params)
    const r1 = t.update({ s: new Tensor(Float32Array.of(4), []) }, s0)
    const r2 = t.update({ s: new Tensor(Float32Array.of(1), []) }, r1.state)
    // v: 8, then 4.5; max stays 8; bias corrections 1 − 0.5 and 1 − 0.25
    expect(r2.state.buffers.s!.max_exp_avg_sq!.item()).toBe(8)
    expect(r2.updates.s!.item()).toBeCloseTo(1 / (Math.sqrt(8) / Math.sqrt(0.75)), 6)
    expect(s0.buffers.s!.max_exp_avg_sq!.item()).toBe(0)
  })
})
