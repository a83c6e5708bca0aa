import { ArgumentError, Generator, Tensor, uniform } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { affineMatrix } from './affine-matrix'
import { affineWarp } from './affine-warp'
import { randomAffine } from './random-affine'

/** Images [n, 2, 4, 5] with distinct values. */
function images(n: number): Tensor {
  return new Tensor(
    Float32Array.from({ length: n * 40 }, (_, i) => Math.cos(i) * 2),
    [n, 2, 4, 5],
  )
}

describe('randomAffine', () => {
  it('is the identity when nothing is randomized', () => {
    const x = images(3)
    expect(randomAffine()(x, new Generator(0)).data).toEqual(x.data)
  })

  it('rotates by a fixed 90° about the image centre', () => {
    const x = new Tensor(
      Float32Array.from({ length: 9 }, (_, i) => i),
      [1, 1, 3, 3],
    )
    const out = randomAffine({ degrees: [90, 90] })(x, new Generator(0))
    expect(out.toArray()).toEqual([
      [
        [
          [2, 5, 8],
          [1, 4, 7],
          [0, 3, 6],
        ],
      ],
    ])
  })

  it('warps each sample by the matrix of its own draws, in the documented order', () => {
    const n = 4
    const x = images(n)
    const options = {
      degrees: 20,
      translate: [0.2, 0.3] as const,
      scale: [0.8, 1.2] as const,
      shear: [-5, 5, -10, 10] as const,
      fill: 0.5,
    }
    const out = randomAffine(options)(x, new Generator(5))
    const g = new Generator(5)
    const matrices = Array.from({ length: n }, () => {
      const angle = uniform(-20, 20, g)
      const dx = Math.round(uniform(-1, 1, g))
      const dy = Math.round(uniform(-1.2, 1.2, g))
      const scale = uniform(0.8, 1.2, g)
      const shear: [number, number] = [uniform(-5, 5, g), uniform(-10, 10, g)]
      return affineMatrix({ center: [2, 1.5], angle, translate: [dx, dy], scale, shear })
    })
    expect(out.data).toEqual(affineWarp(x, matrices, { fill: 0.5 }).data)
    expect(out.data).not.toEqual(x.data)
  })

  it('shifts by whole pixels when only translating', () => {
    const x = images(8)
    const out = randomAffine({ translate: [0.5, 0.5] })(x, new Generator(9))
    for (let s = 0; s < 8; s++) {
      const got = out.data.subarray(40 * s, 40 * s + 40)
      // Every output value is a source pixel or the fill 0: no interpolation happened.
      const values = new Set(x.data.subarray(40 * s, 40 * s + 40))
      for (const v of got) expect(v === 0 || values.has(v)).toBe(true)
    }
    expect(out.data).not.toEqual(x.data)
  })

  it('gives identical output for the same seed', () => {
    const f = randomAffine({ degrees: 30, scale: [0.9, 1.1], shear: 10 })
    const x = images(3)
    expect(f(x, new Generator(2)).data).toEqual(f(x, new Generator(2)).data)
  })

  it('refuses bad ranges', () => {
    expect(() => randomAffine({ degrees: -1 })).toThrow(ArgumentError)
    expect(() => randomAffine({ degrees: [10, -10] })).toThrow(/low <= high/)
    expect(() => randomAffine({ translate: [0.5, 2] })).toThrow(/fractions/)
    expect(() => randomAffine({ scale: [0, 1] })).toThrow(/factors > 0/)
    expect(() => randomAffine({ shear: [-95, 0] })).toThrow(/\(−90, 90\)/)
  })
})
