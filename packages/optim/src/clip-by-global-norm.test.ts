import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { clipByGlobalNorm } from './clip-by-global-norm'
import { clipGradNorm } from './clip-grad-norm'

describe('clipByGlobalNorm', () => {
  it('clips copies exactly as clipGradNorm and keeps the pre-clip norm in its state', () => {
    const grads = {
      a: new Tensor(Float32Array.of(3, -4, 1), [3]),
      b: new Tensor(Float32Array.of(2, 0.5, -6, 7), [2, 2]),
    }
    const t = clipByGlobalNorm(2)
    const state = t.init(grads)
    expect(state.preClipNorm).toBe(0)
    const { updates, state: next } = t.update(grads, state)
    expect(Array.from(grads.a.data)).toEqual([3, -4, 1])
    const reference = [grads.a.clone(), grads.b.clone()]
    const norm = clipGradNorm(reference, 2)
    expect(next.preClipNorm).toBe(norm)
    expect(norm).toBeCloseTo(Math.sqrt(9 + 16 + 1 + 4 + 0.25 + 36 + 49), 5)
    expect(Array.from(updates.a!.data)).toEqual(Array.from(reference[0]!.data))
    expect(Array.from(updates.b!.data)).toEqual(Array.from(reference[1]!.data))
    expect(updates.b!.shape).toEqual([2, 2])
  })

  it('checks its arguments when built', () => {
    expect(() => clipByGlobalNorm(-1)).toThrow(/clipByGlobalNorm: maxNorm must be ≥ 0/)
  })
})
