import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { DTypeError, ShapeError } from '../../errors'
import { sizeOf } from '../../shape'
import { Tensor } from '../../tensor'
import { linear } from './linear'

const random = (shape: number[], seed: number, requiresGrad = true) =>
  new Tensor(
    Float32Array.from(
      { length: sizeOf(shape) },
      (_, i) => ((Math.sin(seed * 97.1 + i * 12.9898) * 43758.5453) % 1) * 2,
    ),
    shape,
    requiresGrad,
  )

describe('linear', () => {
  it('computes x·Wᵀ + b with the [out, in] weight layout', () => {
    const x = new Tensor(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3])
    const w = new Tensor(Float32Array.of(1, 0, -1, 2, 1, 0), [2, 3])
    const b = new Tensor(Float32Array.of(10, 20), [2])
    expect(linear(x, w, b).toArray()).toEqual([
      [8, 24],
      [8, 33],
    ])
    expect(linear(x, w).toArray()).toEqual([
      [-2, 4],
      [-2, 13],
    ])
    expect(linear(new Tensor(Float32Array.of(1, 2, 3), [3]), w, b).toArray()).toEqual([8, 24])
  })

  it('keeps leading dimensions and matches a per-row loop', () => {
    const x = random([2, 3, 5], 1, false)
    const w = random([4, 5], 2, false)
    const b = random([4], 3, false)
    const y = linear(x, w, b)
    expect(y.shape).toEqual([2, 3, 4])
    for (let r = 0; r < 6; r++) {
      for (let o = 0; o < 4; o++) {
        let s = b.data[o]!
        for (let i = 0; i < 5; i++) s += x.data[r * 5 + i]! * w.data[o * 5 + i]!
        expect(Math.abs(y.data[r * 4 + o]! - s)).toBeLessThanOrEqual(1e-5 + 1e-5 * Math.abs(s))
      }
    }
  })

  it('explains bad shapes and dtypes', () => {
    expect(() => linear(random([2, 3], 1), random([4, 5], 2))).toThrow(ShapeError)
    expect(() => linear(random([2, 3], 1), random([4, 5], 2))).toThrow(
      'linear: input [2,3] has 3 features but weight [4,5] expects 5 (help: the weight is laid out [out_features, in_features], as in PyTorch)',
    )
    expect(() => linear(random([2, 3], 1), random([3], 2))).toThrow(/weight must be 2-D/)
    expect(() => linear(random([2, 3], 1), random([4, 3], 2), random([3], 3))).toThrow(
      'linear: bias [3] does not match weight [4,3] (help: the bias must have shape [4] (one value per output feature))',
    )
    expect(() => linear(new Tensor(Float32Array.of(1), []), random([1, 1], 2))).toThrow(
      /no features/,
    )
    expect(() => linear(new Tensor(Int32Array.of(1, 2), [1, 2]), random([1, 2], 2))).toThrow(
      DTypeError,
    )
  })

  it.each([
    [[3, 4], [5, 4], true],
    [[4], [2, 4], true],
    [[2, 3, 4], [3, 4], false],
    [[1, 1], [1, 1], true],
  ])('passes gradCheck for x %j, weight %j (bias %s)', (sx, sw, withBias) => {
    const x = random(sx as number[], 1)
    const w = random(sw as number[], 2)
    const inputs = [x, w]
    if (withBias) inputs.push(random([(sw as number[])[0]!], 3))
    const result = gradCheck((...t) => linear(t[0]!, t[1]!, t[2]), inputs)
    expect(result.failures).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('skips inputs that need no gradient', () => {
    const x = random([3, 2], 1, false)
    const w = random([2, 2], 2)
    const b = random([2], 3, false)
    linear(x, w, b).sum().backward()
    expect(x.grad).toBeNull()
    expect(b.grad).toBeNull()
    // ∂/∂W[o, i] of Σ y is Σ_r x[r, i].
    for (let i = 0; i < 4; i++) {
      const col = i % 2
      expect(w.grad!.data[i]).toBeCloseTo(x.data[col]! + x.data[2 + col]! + x.data[4 + col]!, 5)
    }
  })
})
