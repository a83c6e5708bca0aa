import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, DTypeError } from '../../errors'
import { Tensor } from '../../tensor'
import { variance } from './variance'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

const randomish = (shape: number[]) => {
  const size = shape.reduce((a, b) => a * b, 1)
  return t(
    Array.from({ length: size }, (_, i) => Math.sin(i * 2.3 + 0.7) * 1.5),
    shape,
    true,
  )
}

describe('variance', () => {
  it('uses Bessel’s correction by default and correction 0 for the population', () => {
    const x = t([1, 2, 3, 4], [4])
    expect(variance(x).item()).toBeCloseTo(5 / 3, 6)
    expect(variance(x, undefined, { correction: 0 }).item()).toBeCloseTo(1.25, 6)
  })

  it('reduces over chosen dimensions, with keepdim', () => {
    const x = t([1, 3, 2, 6, 0, 0], [2, 3])
    expect(variance(x, 0, { correction: 0 }).toArray()).toEqual([6.25, 2.25, 1])
    const rows = variance(x, 1, { keepdim: true })
    expect(rows.shape).toEqual([2, 1])
    expect(rows.data[0]).toBeCloseTo(1, 6)
    expect(rows.data[1]).toBeCloseTo(12, 5)
  })

  it('is accurate far from zero (two-pass)', () => {
    const x = t([10000.5, 10001.5, 10002.5], [3])
    expect(variance(x).item()).toBeCloseTo(1, 5)
  })

  it('gives NaN when the divisor is not positive, like PyTorch', () => {
    expect(variance(t([3], [1])).item()).toBeNaN()
  })

  it.each([
    [[3, 4], undefined, 1, false],
    [[3, 4], 1, 0, true],
    [[2, 3, 4], [0, 2], 1, false],
    [[2, 3, 4], -2, 0, false],
  ] as const)(
    'passes gradCheck on %j over %j (correction %d)',
    (shape, dim, correction, keepdim) => {
      const r = gradCheck((a) => variance(a, dim, { correction, keepdim }), [randomish([...shape])])
      expect(r.ok).toBe(true)
    },
  )

  it('rejects int32 input and a non-finite correction', () => {
    expect(() => variance(new Tensor(Int32Array.of(1, 2), [2]))).toThrow(DTypeError)
    expect(() => variance(t([1, 2], [2]), 0, { correction: Number.NaN })).toThrow(ArgumentError)
  })
})
