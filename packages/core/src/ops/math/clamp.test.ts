import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError } from '../../errors'
import { Tensor } from '../../tensor'
import { clamp } from './clamp'

const t = (values: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), [values.length], requiresGrad)

describe('clamp', () => {
  it('clamps to both bounds or to one, and to max everywhere when min > max', () => {
    const x = t([-3, -1, 0.5, 2, 7])
    expect(Array.from(clamp(x, -1, 2).data)).toEqual([-1, -1, 0.5, 2, 2])
    expect(Array.from(clamp(x, 0).data)).toEqual([0, 0, 0.5, 2, 7])
    expect(Array.from(clamp(x, undefined, 0).data)).toEqual([-3, -1, 0, 0, 0])
    expect(Array.from(clamp(x, 5, 1).data)).toEqual([1, 1, 1, 1, 1])
    expect(clamp(t([Number.NaN]), 0, 1).data[0]).toBeNaN()
  })

  it('keeps int32 for integer bounds and gives float32 for fractional ones', () => {
    const i = new Tensor(Int32Array.of(-5, 1, 9), [3])
    expect(clamp(i, 0, 4).dtype).toBe('int32')
    expect(Array.from(clamp(i, 0, 4).data)).toEqual([0, 1, 4])
    expect(clamp(i, 0.5).dtype).toBe('float32')
    expect(Array.from(clamp(i, 0.5).data)).toEqual([0.5, 1, 9])
  })

  it('passes the gradient inside [min, max], bounds included, and blocks it outside', () => {
    const x = t([-2, -1, 0.5, 2, 3], true)
    clamp(x, -1, 2).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([0, 1, 1, 1, 0])
    const z = t([-1.6, -0.7, 0.1, 0.9, 1.4, 2.5], true)
    expect(gradCheck((v) => clamp(v, -1, 1.2), [z]).ok).toBe(true)
    expect(gradCheck((v) => clamp(v, 0.3), [z]).ok).toBe(true)
  })

  it('rejects a missing or NaN bound', () => {
    expect(() => clamp(t([1]))).toThrow(ArgumentError)
    expect(() => clamp(t([1]))).toThrow(/clamp: got neither min nor max/)
    expect(() => clamp(t([1]), Number.NaN, 1)).toThrow(ArgumentError)
  })
})
