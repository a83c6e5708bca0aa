import { DTypeError, type GradientTransform, type ParamTree, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { adagrad } from './adagrad'
import { adam } from './adam'
import { adamw } from './adamw'
import { chain } from './chain'
import { clipByGlobalNorm } from './clip-by-global-norm'
import { clipByNorm } from './clip-by-norm'
import { clipByValue } from './clip-by-value'
import { cloneState } from './in-place'
import { lamb } from './lamb'
import { lars } from './lars'
import { masked } from './masked'
import { rmsprop } from './rmsprop'
import { scale } from './scale'
import { sgd } from './sgd'

const params: ParamTree = {
  w: new Tensor(Float32Array.of(0.5, -1.5, 2, 0.25, -0.75, 1), [2, 3]),
  b: new Tensor(Float32Array.of(0.1, -0.2), [2]),
}

/** Gradients of step `k`; `b` has none on odd steps. */
function gradsAt(k: number): ParamTree {
  const out: ParamTree = {
    w: new Tensor(
      Float32Array.from({ length: 6 }, (_, i) => Math.sin(3 * k + i) * (1 + k)),
      [2, 3],
    ),
  }
  if (k % 2 === 0) out.b = new Tensor(Float32Array.of(Math.cos(k), -0.5 * k), [2])
  return out
}

const snapshot = (tree: ParamTree) =>
  Object.fromEntries(Object.entries(tree).map(([k, t]) => [k, Array.from(t.data)]))

/** Every tensor of a state as arrays, by path, to compare states by value. */
function stateValues(state: unknown, path = '', out: Record<string, unknown> = {}) {
  if (state instanceof Tensor) out[path] = Array.from(state.data)
  else if (typeof state === 'object' && state !== null) {
    for (const [k, v] of Object.entries(state)) stateValues(v, `${path}.${k}`, out)
  } else out[path] = state
  return out
}

const inPlaceOptimizers: [string, () => GradientTransform][] = [
  ['adam', () => adam({ lr: 0.01, weightDecay: 0.1 })],
  ['adam amsgrad', () => adam({ lr: 0.01, amsgrad: true })],
  ['adamw', () => adamw({ lr: 0.01, weightDecay: 0.05 })],
  ['sgd nesterov', () => sgd({ lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ['sgd dampened', () => sgd({ lr: 0.1, momentum: 0.5, dampening: 0.3 })],
  ['sgd plain', () => sgd({ lr: 0.1 })],
  ['rmsprop centered', () => rmsprop({ lr: 0.01, centered: true, momentum: 0.5 })],
  ['adagrad', () => adagrad({ lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1 })],
  ['lars', () => lars({ lr: 0.1, momentum: 0.9, weightDecay: 0.01 })],
  ['lamb', () => lamb({ lr: 0.01, weightDecay: 0.01 })],
  ['clipping', () => chain(clipByGlobalNorm(1), clipByNorm(0.8), clipByValue(0.3), scale(-0.5))],
]

// The numbers themselves are checked against PyTorch trajectories (adam.test.ts, sgd.test.ts,
// …, through createOptimizer's in-place path) and hand-computed cases (scale-by-*.test.ts,
// through update). Here: both faces agree step by step and the pure one mutates nothing.
describe('in-place steps', () => {
  it.each(inPlaceOptimizers)(
    '%s: in-place steps equal update, which leaves its arguments alone',
    (_, make) => {
      const t = make()
      expect(t.prepareInPlace).toBeDefined()
      let pureState = t.init(params)
      let inPlaceState = cloneState(pureState)
      const pureParams = cloneState(params)
      const inPlaceParams = cloneState(params)
      for (let k = 0; k < 5; k++) {
        const grads = gradsAt(k)
        const before = snapshot(grads)
        const stateBefore = stateValues(pureState)
        const pure = t.update(grads, pureState, pureParams)
        // The pure face leaves its arguments as they were.
        expect(snapshot(grads)).toEqual(before)
        expect(stateValues(pureState)).toEqual(stateBefore)
        pureState = pure.state
        const updates = cloneState(grads)
        inPlaceState = t.prepareInPlace!(updates, inPlaceState, inPlaceParams)()
        expect(snapshot(updates)).toEqual(snapshot(pure.updates))
        expect(stateValues(inPlaceState)).toEqual(stateValues(pureState))
        for (const name in updates) {
          pureParams[name]!.data.forEach((_, i, p) => {
            p[i]! += pure.updates[name]!.data[i]!
            inPlaceParams[name]!.data[i]! += updates[name]!.data[i]!
          })
        }
      }
    },
  )

  it('a chain steps in place only when every transform in it can', () => {
    expect(chain(scale(2), masked(scale(3), { w: true, b: false })).prepareInPlace).toBeUndefined()
    expect(chain(scale(2), scale(3)).prepareInPlace).toBeDefined()
  })

  it('a chain prepares every transform before committing any', () => {
    let lrCalls = 0
    const failing = sgd({
      momentum: 0.9,
      lr: () => {
        lrCalls++
        throw new Error('schedule failed')
      },
    })
    const state = failing.init(params)
    const first = gradsAt(0)
    // The momentum transform comes first in the chain; its buffers must stay empty.
    expect(() => failing.prepareInPlace!(first, state, params)).toThrow('schedule failed')
    expect(lrCalls).toBe(1)
    expect(stateValues(state)).toEqual(stateValues(failing.init(params)))
  })
})

describe('updateFromInPlace', () => {
  it('refuses integer gradients, which the float32 kernels cannot step, and changes nothing', () => {
    const t = adam({ lr: 0.1 })
    const state = t.init(params)
    const before = stateValues(state)
    const grads = { w: new Tensor(Int32Array.of(1, 2, 3, 4, 5, 6), [2, 3]) }
    expect(() => t.update(grads, state, params)).toThrow(DTypeError)
    expect(() => t.update(grads, state, params)).toThrow(
      'update: gradient of w is int32, transforms work on float32 (help: pass float32 gradients)',
    )
    expect(stateValues(state)).toEqual(before)
  })
})

describe('cloneState', () => {
  it('clones tensors, copies records and arrays, shares functions and class instances', () => {
    const schedule = (step: number) => step
    const marker = new Map<string, number>()
    const state = { a: [new Tensor(Float32Array.of(1), [1]), 2], b: { schedule, marker } }
    const copy = cloneState(state)
    expect(copy.a[0]).not.toBe(state.a[0])
    expect(Array.from((copy.a[0] as Tensor).data)).toEqual([1])
    expect(copy.a).not.toBe(state.a)
    expect(copy.b).not.toBe(state.b)
    expect(copy.b.schedule).toBe(schedule)
    expect(copy.b.marker).toBe(marker)
  })
})
