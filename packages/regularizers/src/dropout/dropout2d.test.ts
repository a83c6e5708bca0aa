import { Generator, gradCheck, ShapeError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { Dropout2d, dropout2d } from './dropout2d'

function images(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1)
  return new Tensor(
    Float32Array.from({ length: n }, (_, i) => 0.5 + Math.cos(i)),
    shape,
  )
}

describe('dropout2d', () => {
  it('drops whole channels and scales the kept ones by 1/(1 − p)', () => {
    const [n, c, h, w] = [8, 16, 3, 5]
    const x = images([n, c, h, w])
    const y = dropout2d(x, 0.5, { generator: new Generator(2) })
    let dropped = 0
    for (let plane = 0; plane < n * c; plane++) {
      const start = plane * h * w
      const zero = y.data[start] === 0
      if (zero) dropped++
      for (let i = start; i < start + h * w; i++) {
        if (zero) expect(y.data[i]).toBe(0)
        else expect(y.data[i]).toBeCloseTo(x.data[i]! * 2, 5)
      }
    }
    expect(dropped).toBeGreaterThan(0.35 * n * c)
    expect(dropped).toBeLessThan(0.65 * n * c)
  })

  it('keeps the expected activation over many draws', () => {
    const x = images([2, 3, 2, 2])
    const g = new Generator(4)
    const draws = 4000
    const mean = new Float64Array(x.size)
    for (let d = 0; d < draws; d++) {
      const y = dropout2d(x, 0.2, { generator: g })
      for (let i = 0; i < x.size; i++) mean[i]! += y.data[i]! / draws
    }
    // One draw has std |x|·√(0.2/0.8) = |x|/2; the mean of 4000 has std |x|/126: allow 5σ.
    for (let i = 0; i < x.size; i++) {
      expect(Math.abs(mean[i]! - x.data[i]!)).toBeLessThan((5 * Math.abs(x.data[i]!)) / 126)
    }
  })

  it('takes an unbatched [C, H, W] image', () => {
    const x = images([6, 2, 2])
    const y = dropout2d(x, 0.5, { generator: new Generator(8) })
    for (let c = 0; c < 6; c++) {
      const plane = Array.from(y.data.subarray(c * 4, c * 4 + 4))
      expect(plane.every((v) => v === 0) || plane.every((v) => v !== 0)).toBe(true)
    }
  })

  it('passes gradCheck with a fixed mask', () => {
    const x = images([2, 3, 2, 2])
    x.requiresGrad = true
    const fn = (t: Tensor) => dropout2d(t, 0.5, { generator: new Generator(3) })
    expect(gradCheck(fn, [x]).ok).toBe(true)
  })

  it('refuses inputs that are not [N, C, H, W] or [C, H, W]', () => {
    expect(() => dropout2d(images([4, 5]), 0.5)).toThrow(ShapeError)
    expect(() => dropout2d(images([4, 5]), 0.5)).toThrow(
      /^dropout2d: expected a \[N, C, H, W\] batch or a \[C, H, W\] image, got \[4,5\]/,
    )
  })
})

describe('Dropout2d', () => {
  it('is the identity in eval mode', () => {
    const layer = new Dropout2d(0.5, { generator: new Generator(0) })
    const x = images([2, 4, 3, 3])
    expect(layer.forward(x)).not.toBe(x)
    layer.eval()
    expect(layer.forward(x)).toBe(x)
  })
})
