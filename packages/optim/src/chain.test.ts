import { type GradientTransform, StateError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { chain } from './chain'
import { scale, scaleByLr } from './scale'
import { trace } from './trace'

const grads = { w: new Tensor(Float32Array.of(1, -2), [2]) }

describe('chain', () => {
  it('applies transforms in order and keeps one state each', () => {
    const t = chain(trace({ momentum: 0.5 }), scale(2), scaleByLr(0.1))
    let state = t.init(grads)
    expect(state).toHaveLength(3)
    let result = t.update(grads, state)
    expect(Array.from(result.updates.w!.data)).toEqual([-0.2, 0.4].map(Math.fround))
    state = result.state
    result = t.update(grads, state)
    // momentum: b = 0.5·g + g = 1.5·g
    expect(result.updates.w!.data[0]).toBeCloseTo(-0.3, 6)
    expect(state[0].buffers.w!.momentum_buffer!.data[0]).toBe(1)
  })

  it('passes params and extras to every transform', () => {
    const seen: unknown[] = []
    const spy: GradientTransform<null> = {
      init: () => null,
      update: (g, s, p, e) => {
        seen.push([p, e])
        return { updates: g, state: s }
      },
    }
    const t = chain(spy, spy)
    t.update(grads, t.init(grads), grads, { loss: 1 })
    expect(seen).toEqual([
      [grads, { loss: 1 }],
      [grads, { loss: 1 }],
    ])
  })

  it('refuses a state of another shape', () => {
    const t = chain(scale(1))
    expect(() => t.update(grads, [] as unknown as [Record<string, never>])).toThrow(StateError)
  })
})
