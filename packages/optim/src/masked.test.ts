import { StateError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { addWeightDecay } from './add-weight-decay'
import { chain } from './chain'
import { masked } from './masked'
import { scaleByLr } from './scale'
import { trace } from './trace'

const params = {
  weight: new Tensor(Float32Array.of(1, 2, 3, 4), [2, 2]),
  bias: new Tensor(Float32Array.of(10, 20), [2]),
}
const grads = {
  weight: new Tensor(Float32Array.of(0.5, 0.5, 0.5, 0.5), [2, 2]),
  bias: new Tensor(Float32Array.of(1, 1), [2]),
}

describe('masked', () => {
  it('transforms the selected parameters and passes the others through unchanged', () => {
    const t = masked(addWeightDecay(0.1), (_, p) => p.ndim > 1)
    const state = t.init(params)
    expect(state.mask).toEqual({ weight: true, bias: false })
    const { updates } = t.update(grads, state, params)
    expect(Array.from(updates.weight!.data)).toEqual([0.6, 0.7, 0.8, 0.9].map(Math.fround))
    expect(updates.bias).toBe(grads.bias)
  })

  it('initializes the inner transform with the selected parameters only', () => {
    const t = masked(trace({ momentum: 0.9 }), 'bias')
    const state = t.init(params)
    expect(Object.keys(state.inner.buffers)).toEqual(['bias'])
    const next = t.update(grads, state).state
    expect(Array.from(next.inner.buffers.bias!.momentum_buffer!.data)).toEqual([1, 1])
  })

  it('composes: weight decay on weights only inside a chain', () => {
    const t = chain(masked(addWeightDecay(1), /weight/), scaleByLr(0.5))
    const { updates } = t.update(grads, t.init(params), params)
    expect(Array.from(updates.weight!.data)).toEqual([-0.75, -1.25, -1.75, -2.25])
    expect(Array.from(updates.bias!.data)).toEqual([-0.5, -0.5])
  })

  it('refuses gradients of parameters it was not initialized with', () => {
    const t = masked(addWeightDecay(0.1), 'bias')
    const state = t.init({ bias: params.bias })
    expect(() => t.update(grads, state, params)).toThrow(StateError)
  })
})
