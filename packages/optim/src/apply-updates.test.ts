import { ShapeError, StateError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { applyUpdates } from './apply-updates'

describe('applyUpdates', () => {
  it('adds updates to their parameters in place and leaves the others alone', () => {
    const params = {
      a: new Tensor(Float32Array.of(1, 2), [2]),
      b: new Tensor(Float32Array.of(5), []),
    }
    const a = params.a
    applyUpdates(params, { a: new Tensor(Float32Array.of(0.5, -2), [2]) })
    expect(params.a).toBe(a)
    expect(Array.from(a.data)).toEqual([1.5, 0])
    expect(Array.from(params.b.data)).toEqual([5])
  })

  it('changes nothing when any update does not fit', () => {
    const params = {
      a: new Tensor(Float32Array.of(1, 2), [2]),
      b: new Tensor(Float32Array.of(5), []),
    }
    const ok = new Tensor(Float32Array.of(1, 1), [2])
    expect(() =>
      applyUpdates(params, { a: ok, b: new Tensor(Float32Array.of(1, 1), [2]) }),
    ).toThrow(ShapeError)
    expect(() => applyUpdates(params, { a: ok, c: ok })).toThrow(StateError)
    expect(Array.from(params.a.data)).toEqual([1, 2])
  })
})
