import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { std } from './std'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('std', () => {
  it('is the square root of the variance, with PyTorch’s correction', () => {
    const x = t([1, 2, 3, 4], [4])
    expect(std(x).item()).toBeCloseTo(Math.sqrt(5 / 3), 6)
    expect(std(x, 0, { correction: 0 }).item()).toBeCloseTo(Math.sqrt(1.25), 6)
    expect(std(t([2, 4, 6, 8, 10, 12], [2, 3]), 1, { keepdim: true }).toArray()).toEqual([[2], [2]])
  })

  it('has a zero gradient where the deviation is zero', () => {
    const x = t([5, 5, 5, 1, 2, 3], [2, 3], true)
    std(x, 1).sum().backward()
    expect(Array.from(x.grad!.data.slice(0, 3))).toEqual([0, 0, 0])
    expect(x.grad!.data[3]).toBeCloseTo(-0.5, 6)
    expect(x.grad!.data[4]).toBe(0)
  })

  it.each([
    [[3, 4], undefined, 1],
    [[3, 4], 0, 0],
    [[2, 3, 4], [1, 2], 1],
  ] as const)('passes gradCheck on %j over %j (correction %d)', (shape, dim, correction) => {
    const size = shape.reduce((a, b) => a * b, 1)
    const x = t(
      Array.from({ length: size }, (_, i) => Math.cos(i * 1.7 + 0.3) * 2),
      [...shape],
      true,
    )
    expect(gradCheck((a) => std(a, dim, { correction }), [x]).ok).toBe(true)
  })
})
