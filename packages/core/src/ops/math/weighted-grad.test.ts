import { describe, expect, it } from 'vitest'
import { Tensor } from '../../tensor'
import { weightedGrad } from './weighted-grad'

describe('weightedGrad', () => {
  it('weights the gradient, keeps masked entries exactly 0, and sums over broadcasting', () => {
    const g = new Tensor(Float32Array.of(1, Number.NaN, 3, Infinity, 5, 6), [2, 3])
    const w = Float32Array.of(1, 0, 0.5, 0, 1, 1)
    expect(Array.from(weightedGrad(g, w, [2, 3]).data)).toEqual([1, 0, 1.5, 0, 5, 6])
    expect(Array.from(weightedGrad(g, w, [1, 3]).data)).toEqual([1, 5, 7.5])
  })
})
