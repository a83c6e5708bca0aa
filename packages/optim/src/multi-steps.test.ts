import { ArgumentError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { adam } from './adam'
import { applyUpdates } from './apply-updates'
import { chain } from './chain'
import { createOptimizer } from './create-optimizer'
import { multiSteps } from './multi-steps'
import { scaleByLr } from './scale'

const micro = [
  { w: [0.5, -1, 2], b: [3] },
  { w: [1.5, 0.25, -2], b: null },
  { w: [-0.75, 1, 4], b: [1] },
]

describe('multiSteps', () => {
  it('over k micro-steps equals one step on the averaged gradient', () => {
    const start = { w: [1, 2, 3], b: [-1] }
    const params = {
      w: new Tensor(Float32Array.from(start.w), [3]),
      b: new Tensor(Float32Array.from(start.b), [1]),
    }
    const opt = createOptimizer(params, multiSteps(adam({ lr: 0.1 }), 3))
    for (const [i, g] of micro.entries()) {
      params.w.grad = new Tensor(Float32Array.from(g.w), [3])
      params.b.grad = g.b && new Tensor(Float32Array.from(g.b), [1])
      opt.step()
      if (i < 2) expect(Array.from(params.w.data)).toEqual(start.w)
    }
    const reference = {
      w: new Tensor(Float32Array.from(start.w), [3]),
      b: new Tensor(Float32Array.from(start.b), [1]),
    }
    const sum = (values: (number[] | null)[], j: number) =>
      values.reduce((s, v) => Math.fround(s + (v ? v[j]! : 0)), 0)
    const average = {
      w: new Tensor(
        Float32Array.from(
          [0, 1, 2],
          (j) =>
            sum(
              micro.map((m) => m.w),
              j,
            ) / 3,
        ),
        [3],
      ),
      b: new Tensor(
        Float32Array.of(
          sum(
            micro.map((m) => m.b),
            0,
          ) / 3,
        ),
        [1],
      ),
    }
    const t = adam({ lr: 0.1 })
    applyUpdates(reference, t.update(average, t.init(reference), reference).updates)
    expect(Array.from(params.w.data)).toEqual(Array.from(reference.w.data))
    expect(Array.from(params.b.data)).toEqual(Array.from(reference.b.data))
  })

  it('returns zeros between updates and advances inner schedules once per update', () => {
    const lrs: number[] = []
    const t = multiSteps(
      chain(
        scaleByLr((step) => {
          lrs.push(step)
          return 1
        }),
      ),
      2,
    )
    const grads = { g: new Tensor(Float32Array.of(2), []) }
    let state = t.init(grads)
    for (let i = 0; i < 4; i++) {
      const r = t.update(grads, state)
      expect(Array.from(r.updates.g!.data)).toEqual(i % 2 === 0 ? [0] : [-2])
      state = r.state
    }
    expect(lrs).toEqual([0, 1])
    expect(state.miniStep).toBe(0)
    expect(state.buffers.g!.acc_grad).toBeNull()
  })

  it('skips parameters with no gradient in all k calls, and refuses k < 1', () => {
    const params = { a: new Tensor(Float32Array.of(1), []), b: new Tensor(Float32Array.of(1), []) }
    const t = multiSteps(scaleByLr(1), 1)
    const { updates } = t.update({ a: new Tensor(Float32Array.of(1), []) }, t.init(params))
    expect(Object.keys(updates)).toEqual(['a'])
    expect(() => multiSteps(scaleByLr(1), 0)).toThrow(ArgumentError)
  })
})
