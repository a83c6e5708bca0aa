import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { affineMatrix } from './affine-matrix'
import type { AffineMatrix } from './affine-warp'

function apply(m: AffineMatrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]]
}

function expectClose(got: readonly number[], want: readonly number[]): void {
  expect(got.length).toBe(want.length)
  got.forEach((v, i) => {
    expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(1e-12)
  })
}

describe('affineMatrix', () => {
  it('is the identity without parameters', () => {
    expectClose(affineMatrix({ center: [3, 2] }), [1, 0, 0, 0, 1, 0])
  })

  it('rotates counter-clockwise on screen, exactly at multiples of 90°', () => {
    expect([...affineMatrix({ center: [1, 1], angle: 90 })]).toEqual([0, 1, 0, -1, 0, 2])
    // The right neighbour of the centre moves above it (rows grow downwards).
    expectClose(apply(affineMatrix({ center: [1, 1], angle: 90 }), 2, 1), [1, 0])
    expectClose(affineMatrix({ center: [0, 0], angle: -270 }), [0, 1, 0, -1, 0, 0])
    expectClose(affineMatrix({ center: [0, 0], angle: 180 }), [-1, 0, 0, 0, -1, 0])
    const c = Math.cos(Math.PI / 6)
    expectClose(affineMatrix({ center: [0, 0], angle: 30 }), [c, 0.5, 0, -0.5, c, 0])
  })

  it('scales about the centre and translates last', () => {
    const m = affineMatrix({ center: [2, 3], scale: 2, translate: [1, -1] })
    expectClose(apply(m, 2, 3), [3, 2])
    expectClose(apply(m, 3, 3), [5, 2])
  })

  it('shears x by tan(sx)·y and y by tan(sy)·x about the centre', () => {
    const t = Math.tan(Math.PI / 6)
    expectClose(affineMatrix({ center: [0, 0], shear: [30, 0] }), [1, t, 0, 0, 1, 0])
    expectClose(affineMatrix({ center: [0, 0], shear: [0, 30] }), [1, 0, 0, t, 1, 0])
    // Sh_y · Sh_x: the x-shear first.
    expectClose(affineMatrix({ center: [0, 0], shear: [30, 30] }), [1, t, 0, t, 1 + t * t, 0])
  })

  it('refuses bad parameters', () => {
    expect(() => affineMatrix({ center: [0, 0], scale: 0 })).toThrow(ArgumentError)
    expect(() => affineMatrix({ center: [0, 0], shear: [90, 0] })).toThrow(/\(−90, 90\)/)
    expect(() => affineMatrix({ center: [0] as never })).toThrow(/center must be a pair/)
    expect(() => affineMatrix({ center: [0, 0], angle: Number.NaN })).toThrow(
      /angle must be a finite/,
    )
  })
})
