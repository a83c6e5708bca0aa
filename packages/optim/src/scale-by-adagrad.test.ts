import { ArgumentError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { scaleByAdagrad } from './scale-by-adagrad'

const params = { w: new Tensor(new Float32Array(2), [2]) }

describe('scaleByAdagrad', () => {
  it('divides by √(sum of squares) + ε and decays with the step', () => {
    const t = scaleByAdagrad({ lrDecay: 0.5, initialAccumulatorValue: 1, eps: 0.25 })
    const s0 = t.init(params)
    expect(Array.from(s0.buffers.w!.sum.data)).toEqual([1, 1])
    const g = { w: new Tensor(Float32Array.of(3, 0), [2]) }
    const r1 = t.update(g, s0)
    expect(r1.updates.w!.data[0]).toBeCloseTo(3 / (Math.sqrt(10) + 0.25), 6)
    const r2 = t.update(g, r1.state)
    expect(r2.updates.w!.data[0]).toBeCloseTo(3 / (Math.sqrt(19) + 0.25) / 1.5, 6)
    expect(Array.from(r2.updates.w!.data.slice(1))).toEqual([0])
    expect(r2.state.buffers.w!.step.item()).toBe(2)
  })

  it('refuses a negative initial accumulator', () => {
    expect(() => scaleByAdagrad({ initialAccumulatorValue: -1 })).toThrow(ArgumentError)
  })
})
