import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { pow, powScalar } from './pow'

const t = (values: number[], shape: number[], requiresGrad = true) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('pow', () => {
  it('raises a tensor to a number, a number to a tensor, and a tensor to a tensor', () => {
    expect(Array.from(pow(t([2, -3, 4], [3], false), 2).data)).toEqual([4, 9, 16])
    expect(Array.from(pow(2, t([0, 3, -1], [3], false)).data)).toEqual([1, 8, 0.5])
    expect(pow(t([2, 3], [2, 1], false), t([1, 2, 3], [3], false)).toArray()).toEqual([
      [2, 4, 8],
      [3, 9, 27],
    ])
  })

  it('gives float32 even for int32 operands, and NaN for a negative base to a fraction', () => {
    const i = new Tensor(Int32Array.of(2, 3), [2])
    const r = pow(i, new Tensor(Int32Array.of(-1, 2), [2]))
    expect(r.dtype).toBe('float32')
    expect(Array.from(r.data)).toEqual([0.5, 9])
    expect(pow(t([-8], [1], false), 0.5).data[0]).toBeNaN()
  })

  it("follows C's special cases like PyTorch", () => {
    expect(powScalar(1, Number.NaN)).toBe(1)
    expect(powScalar(-1, Infinity)).toBe(1)
    expect(powScalar(-1, -Infinity)).toBe(1)
    expect(powScalar(Number.NaN, 0)).toBe(1)
    expect(powScalar(0, -1)).toBe(Infinity)
  })

  it('has gradients b·a^(b−1) and aᵇ·ln a, zeroed like PyTorch at b = 0 and at a = 0', () => {
    const a = t([2, 0, 0, 3], [4])
    const b = t([3, 0, 2, 0], [4])
    pow(a, b).sum().backward()
    expect(a.grad!.data[0]).toBeCloseTo(12, 5)
    expect(Array.from(a.grad!.data.subarray(1))).toEqual([0, 0, 0])
    expect(b.grad!.data[0]).toBeCloseTo(8 * Math.log(2), 5)
    expect(Array.from(b.grad!.data.subarray(1, 3))).toEqual([0, 0])
    expect(b.grad!.data[3]).toBeCloseTo(Math.log(3), 6)
  })

  it('passes gradCheck for both operands with broadcasting', () => {
    const a = t([0.5, 1.2, 2.1, 0.7, 1.3, 1.9], [2, 3])
    const b = t([1.5, -0.8, 2.2], [1, 3])
    expect(gradCheck(pow, [a, b]).ok).toBe(true)
    const e = t([0.6, 2.5], [2, 1])
    expect(gradCheck(pow, [a, e]).ok).toBe(true)
    expect(gradCheck((x) => pow(x, 3), [t([-1.5, 0.4, 2.2], [3])]).ok).toBe(true)
    expect(gradCheck((x) => pow(1.7, x), [t([-1.5, 0.4, 2.2], [3])]).ok).toBe(true)
  })

  it('names both shapes when they do not broadcast', () => {
    const call = () => pow(t([1, 2], [2], false), t([1, 2, 3], [3], false))
    expect(call).toThrow(ShapeError)
    expect(call).toThrow(/pow: .*\[2\] and \[3\]/)
  })
})
