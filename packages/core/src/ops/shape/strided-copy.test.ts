import { describe, expect, it } from 'vitest'
import { stridesOf } from '../../shape'
import { copyStrided } from './strided-copy'

describe('copyStrided', () => {
  it('copies a transposed view of a 2x3 matrix', () => {
    const src = Float32Array.of(1, 2, 3, 4, 5, 6)
    const dst = new Float32Array(6)
    copyStrided(src, 0, [1, 3], dst, 0, stridesOf([3, 2]), [3, 2])
    expect(Array.from(dst)).toEqual([1, 4, 2, 5, 3, 6])
  })

  it('reads and writes boxes at offsets, leaving the rest of dst alone', () => {
    const src = Float32Array.from({ length: 12 }, (_, i) => i)
    const dst = new Float32Array(16).fill(-1)
    // rows 1..2, columns 1..2 of a 3x4 source into rows 2..3, columns 0..1 of a 4x4 target
    copyStrided(src, 1 * 4 + 1, [4, 1], dst, 2 * 4, [4, 1], [2, 2])
    expect(Array.from(dst)).toEqual([-1, -1, -1, -1, -1, -1, -1, -1, 5, 6, -1, -1, 9, 10, -1, -1])
  })

  it('merges contiguous dimensions and skips sizes of 1 without changing the result', () => {
    const src = Float32Array.from({ length: 24 }, (_, i) => i)
    const dst = new Float32Array(24)
    copyStrided(src, 0, [24, 12, 4, 1], dst, 0, [24, 12, 4, 1], [1, 2, 3, 4])
    expect(Array.from(dst)).toEqual(Array.from(src))
  })

  it('copies a single element for an empty shape and nothing for a zero size', () => {
    const dst = new Float32Array(2)
    copyStrided(Float32Array.of(7, 8), 1, [], dst, 0, [], [])
    expect(Array.from(dst)).toEqual([8, 0])
    copyStrided(Float32Array.of(7, 8), 0, [1, 1], dst, 0, [1, 1], [2, 0])
    expect(Array.from(dst)).toEqual([8, 0])
  })

  it('converts int32 storage into float32 storage', () => {
    const dst = new Float32Array(3)
    copyStrided(Int32Array.of(4, 5, 6), 0, [1], dst, 0, [1], [3])
    expect(Array.from(dst)).toEqual([4, 5, 6])
  })
})
