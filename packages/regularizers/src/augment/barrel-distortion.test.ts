import { ArgumentError, Generator, Tensor, uniform } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { barrelDistortion, randomBarrelDistortion } from './barrel-distortion'

function images(n: number, h = 5, w = 5): Tensor {
  const size = n * 2 * h * w
  return new Tensor(
    Float32Array.from({ length: size }, (_, i) => Math.sin(i) + 2),
    [n, 2, h, w],
  )
}

describe('barrelDistortion', () => {
  it('is the identity for k = 0', () => {
    const x = images(2, 4, 6)
    expect(barrelDistortion(x, 0).data).toEqual(x.data)
  })

  it('keeps the centre and the axes through it, and pulls the corners in', () => {
    const x = images(1)
    const out = barrelDistortion(x, 1, { fill: -1 })
    // Centre pixel (2, 2) of each channel is fixed.
    expect(out.data[12]).toBe(x.data[12])
    expect(out.data[37]).toBe(x.data[37])
    // Corner (0, 0): r = 1, source at r' = 2, i.e. pixel (−2, −2): outside, reads the fill.
    expect(out.data[0]).toBe(-1)
    // Pixel (2, 1): u = 0, v = −1, r² = 1/8: source row 2 − 1·(1 + 1/8) = 0.875 on column 2,
    // between pixel (2, 0) (weight 0.125) and pixel (2, 1) (weight 0.875).
    const want = 0.125 * x.data[2]! + 0.875 * x.data[7]!
    expect(Math.abs(out.data[7]! - want)).toBeLessThanOrEqual(1e-6)
  })

  it('pushes content outwards for k < 0 (pincushion), staying inside the image', () => {
    const x = images(1)
    const out = barrelDistortion(x, -0.5, { fill: Number.MAX_VALUE })
    for (const v of out.data) expect(v).toBeLessThan(4)
  })

  it('takes one k per sample', () => {
    const x = images(2)
    const out = barrelDistortion(x, [0, 0.3])
    expect(out.data.subarray(0, 50)).toEqual(x.data.subarray(0, 50))
    expect(out.data.subarray(50)).toEqual(barrelDistortion(x, 0.3).data.subarray(50))
    expect(() => barrelDistortion(x, [1, 2, 3])).toThrow(
      /k has 3 values, expected one per image \(2\)/,
    )
  })

  it('leaves a 1×1 image as it is', () => {
    const x = new Tensor(Float32Array.of(3), [1, 1, 1, 1])
    expect(barrelDistortion(x, 5).data).toEqual(Float32Array.of(3))
  })
})

describe('randomBarrelDistortion', () => {
  it('distorts each sample by its own k between 0 and k', () => {
    const x = images(3)
    const out = randomBarrelDistortion({ k: 0.4 })(x, new Generator(8))
    const g = new Generator(8)
    const ks = [0, 1, 2].map(() => uniform(0, 0.4, g))
    expect(out.data).toEqual(barrelDistortion(x, ks).data)
    const neg = randomBarrelDistortion({ k: -0.4 })(x, new Generator(8))
    expect(neg.data).toEqual(
      barrelDistortion(
        x,
        ks.map((k) => k - 0.4),
      ).data,
    )
  })

  it('refuses a bad range', () => {
    expect(() => randomBarrelDistortion({ k: [0.3, 0.1] })).toThrow(ArgumentError)
  })
})
