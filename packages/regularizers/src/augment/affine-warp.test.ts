import { ArgumentError, arange, Tensor, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { type AffineMatrix, affineWarp } from './affine-warp'
import { hflip } from './flip'

const IDENTITY: AffineMatrix = [1, 0, 0, 0, 1, 0]

/** Images [2, 2, 3, 3] with distinct non-integer values. */
const images = () =>
  new Tensor(
    Float32Array.from({ length: 36 }, (_, i) => Math.sin(i + 1) * 3),
    [2, 2, 3, 3],
  )

describe('affineWarp', () => {
  it('is the identity for the identity matrix', () => {
    const x = images()
    expect(affineWarp(x, IDENTITY).data).toEqual(x.data)
  })

  it('rotates by 90° counter-clockwise exactly', () => {
    // About the centre (1, 1): (x, y) → (y, 2 − x), so out[i][j] = in[j][2 − i] (numpy rot90).
    const x = arange(9).reshape([1, 1, 3, 3])
    expect(affineWarp(x, [0, 1, 0, -1, 0, 2]).toArray()).toEqual([
      [
        [
          [2, 5, 8],
          [1, 4, 7],
          [0, 3, 6],
        ],
      ],
    ])
  })

  it('shifts by whole pixels and fills what comes from outside', () => {
    const x = arange(1, 7).reshape([1, 1, 2, 3])
    // One right, one up: out(x, y) = in(x − 1, y + 1).
    expect(affineWarp(x, [1, 0, 1, 0, 1, -1], { fill: -5 }).toArray()).toEqual([
      [
        [
          [-5, 4, 5],
          [-5, -5, -5],
        ],
      ],
    ])
  })

  it('mirrors with a reflection matrix like hflip', () => {
    const x = images()
    expect(affineWarp(x, [-1, 0, 2, 0, 1, 0]).data).toEqual(hflip(x).data)
  })

  it('takes one matrix per sample', () => {
    const x = images()
    const out = affineWarp(x, [IDENTITY, [-1, 0, 2, 0, 1, 0]])
    expect(out.data.subarray(0, 18)).toEqual(x.data.subarray(0, 18))
    expect(out.data.subarray(18)).toEqual(hflip(x).data.subarray(18))
  })

  it('interpolates a half-pixel shift bilinearly', () => {
    const x = tensor([[[[0, 2, 4, 6]]]])
    expect(affineWarp(x, [1, 0, 0.5, 0, 1, 0]).data).toEqual(Float32Array.of(0, 1, 3, 5))
  })

  it('refuses singular matrices and a wrong number of them', () => {
    expect(() => affineWarp(images(), [0, 0, 1, 0, 1, 0])).toThrow(ArgumentError)
    expect(() => affineWarp(images(), [2, 4, 0, 1, 2, 0])).toThrow(/singular \(determinant 0\)/)
    expect(() => affineWarp(images(), [IDENTITY])).toThrow(/got 1 matrices for 2 images/)
    expect(() => affineWarp(images(), [1, 0, 0, 0, 1] as never)).toThrow(/6 finite numbers/)
    expect(() => affineWarp(images(), IDENTITY, { fill: Number.NaN })).toThrow(
      /fill must be a finite/,
    )
  })
})
