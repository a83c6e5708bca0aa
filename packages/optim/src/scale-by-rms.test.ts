import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { scaleByRms } from './scale-by-rms'

const params = { w: new Tensor(new Float32Array(1), [1]) }
const g = (v: number) => ({ w: new Tensor(Float32Array.of(v), [1]) })

describe('scaleByRms', () => {
  it('divides by √s + ε with s ← α·s + (1 − α)·g²', () => {
    const t = scaleByRms({ alpha: 0.5, eps: 0.1 })
    const r1 = t.update(g(2), t.init(params))
    expect(r1.updates.w!.item()).toBeCloseTo(2 / (Math.sqrt(2) + 0.1), 6)
    const r2 = t.update(g(1), r1.state)
    expect(r2.updates.w!.item()).toBeCloseTo(1 / (Math.sqrt(1.5) + 0.1), 6)
    expect(r2.state.buffers.w!.grad_avg).toBeUndefined()
  })

  it('centered, divides by √(s − a²) + ε', () => {
    const t = scaleByRms({ alpha: 0.5, eps: 0, centered: true })
    const r1 = t.update(g(2), t.init(params))
    expect(r1.updates.w!.item()).toBeCloseTo(2 / Math.sqrt(2 - 1), 6)
    const r2 = t.update(g(-1), r1.state)
    // s = 1.5, a = 0.5·1 + 0.5·(−1) = 0
    expect(r2.updates.w!.item()).toBeCloseTo(-1 / Math.sqrt(1.5), 6)
    expect(r2.state.buffers.w!.grad_avg!.item()).toBe(0)
  })
})
