import { ArgumentError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { trace } from './trace'

const g1 = { w: new Tensor(Float32Array.of(1, 2), [2]) }
const g2 = { w: new Tensor(Float32Array.of(-1, 4), [2]) }

describe('trace', () => {
  it('starts the buffer at the first update, then b ← μ·b + (1 − τ)·u', () => {
    const t = trace({ momentum: 0.5, dampening: 0.25 })
    const s0 = t.init(g1)
    expect(s0.buffers.w!.momentum_buffer).toBeNull()
    const r1 = t.update(g1, s0)
    expect(Array.from(r1.updates.w!.data)).toEqual([1, 2])
    const r2 = t.update(g2, r1.state)
    expect(Array.from(r2.updates.w!.data)).toEqual([0.5 - 0.75, 1 + 3])
    expect(s0.buffers.w!.momentum_buffer).toBeNull()
  })

  it('with Nesterov returns u + μ·b', () => {
    const t = trace({ momentum: 0.5, nesterov: true })
    const r1 = t.update(g1, t.init(g1))
    expect(Array.from(r1.updates.w!.data)).toEqual([1.5, 3])
    const r2 = t.update(g2, r1.state)
    // b = 0.5·[1, 2] + [−1, 4] = [−0.5, 5]; u = g + 0.5·b
    expect(Array.from(r2.updates.w!.data)).toEqual([-1.25, 6.5])
  })

  it('passes updates through and keeps no buffer at momentum 0', () => {
    const t = trace({ momentum: 0 })
    const r = t.update(g1, t.init(g1))
    expect(Array.from(r.updates.w!.data)).toEqual(Array.from(g1.w!.data))
    expect(r.state.buffers.w!.momentum_buffer).toBeNull()
  })

  it('declares dampening only when given, and checks Nesterov settings', () => {
    expect(Object.keys(trace({ momentum: 0.9 }).init(g1).hyper.spec.params)).toEqual(['momentum'])
    expect(() => trace({ momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow(ArgumentError)
    expect(() => trace({ momentum: -1 })).toThrow(/momentum must be a finite number ≥ 0/)
  })
})
