import { describe, expect, it } from 'vitest'
import { AutogradError } from '../errors'
import { Tensor } from '../tensor'
import { noGrad } from './grad-mode'

const leaf = (values: number[], shape: number[]) =>
  new Tensor(Float32Array.from(values), shape, true)

describe('autograd graph', () => {
  it('refuses a non-scalar root without a seed, and accepts one with a seed', () => {
    const x = leaf([1, 2, 3], [3])
    const y = x.mul(2)
    expect(() => y.backward()).toThrow(AutogradError)
    expect(() => y.backward()).toThrow(/not a scalar/)
    y.backward(new Tensor(Float32Array.of(1, 0, 1), [3]))
    expect(Array.from(x.grad!.data)).toEqual([2, 0, 2])
  })

  it('frees the graph after backward', () => {
    const x = leaf([1, 2], [2])
    const y = x.mul(x).sum()
    y.backward()
    expect(() => y.backward()).toThrow(/already freed/)
  })

  it('runs twice with retainGraph', () => {
    const x = leaf([1, 2], [2])
    const y = x.mul(x).sum()
    y.backward(undefined, { retainGraph: true })
    y.backward()
    expect(Array.from(x.grad!.data)).toEqual([4, 8])
  })

  it('records nothing inside noGrad', () => {
    const x = leaf([1, 2], [2])
    const y = noGrad(() => x.mul(3))
    expect(y.requiresGrad).toBe(false)
    expect(y.gradFn).toBeNull()
    expect(() => y.sum().backward()).toThrow(AutogradError)
  })

  it('skips inputs that need no gradient', () => {
    const x = leaf([1, 2], [2])
    const c = new Tensor(Float32Array.of(5, 6), [2])
    x.mul(c).sum().backward()
    expect(c.grad).toBeNull()
    expect(Array.from(x.grad!.data)).toEqual([5, 6])
  })

  it('differentiates a diamond-shaped graph', () => {
    const x = leaf([3], [])
    const a = x.mul(2)
    const b = x.mul(x)
    a.add(b).mul(a).backward()
    // f = (2x + x²)·2x = 4x² + 2x³, f' = 8x + 6x² = 24 + 54
    expect(x.grad!.item()).toBeCloseTo(78, 4)
  })
})
