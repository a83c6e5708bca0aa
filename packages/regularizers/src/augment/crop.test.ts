import { ArgumentError, arange, Generator, randomInt, ShapeError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { crop, randomCrop } from './crop'

/** One image [1, 1, 3, 3] holding 1 … 9. */
const image = () => arange(1, 10).reshape([1, 1, 3, 3])

describe('crop', () => {
  it('cuts the window at (top, left)', () => {
    expect(crop(image(), 1, 0, 2, 2).toArray()).toEqual([
      [
        [
          [4, 5],
          [7, 8],
        ],
      ],
    ])
  })

  it('reads fill outside the image, like cropping a padded image', () => {
    expect(crop(image(), -1, 2, 3, 2).toArray()).toEqual([
      [
        [
          [0, 0],
          [3, 0],
          [6, 0],
        ],
      ],
    ])
    expect(crop(image(), 2, -1, 2, 3, 5).toArray()).toEqual([
      [
        [
          [5, 7, 8],
          [5, 5, 5],
        ],
      ],
    ])
    expect(crop(image(), 0, 7, 1, 2).toArray()).toEqual([[[[0, 0]]]])
  })

  it('crops every channel and sample alike', () => {
    const x = arange(2 * 2 * 2 * 2).reshape([2, 2, 2, 2])
    expect(crop(x, 1, 1, 1, 1).toArray()).toEqual([
      [[[3]], [[7]]],
      [[[11]], [[15]]],
    ])
  })

  it('refuses non-integer offsets and empty sizes', () => {
    expect(() => crop(image(), 0.5, 0, 1, 1)).toThrow(ArgumentError)
    expect(() => crop(image(), 0, 0, 0, 1)).toThrow(/height must be an integer >= 1, got 0/)
  })
})

describe('randomCrop', () => {
  it('lands on the padded image when the size leaves one position', () => {
    const out = randomCrop({ size: 5, padding: 1 })(image(), new Generator(0))
    expect(out.toArray()).toEqual([
      [
        [
          [0, 0, 0, 0, 0],
          [0, 1, 2, 3, 0],
          [0, 4, 5, 6, 0],
          [0, 7, 8, 9, 0],
          [0, 0, 0, 0, 0],
        ],
      ],
    ])
  })

  it('cuts the window whose corner in the padded image is drawn row then column', () => {
    const n = 20
    const x = arange(n * 9).reshape([n, 1, 3, 3])
    const out = randomCrop({ size: [2, 3], padding: [2, 1] })(x, new Generator(11))
    const replay = new Generator(11)
    const corners = new Set<string>()
    for (let s = 0; s < n; s++) {
      // Padded image: 3 + 1 + 1 rows, 3 + 2 + 2 columns.
      const top = randomInt(0, 5 - 2 + 1, replay) - 1
      const left = randomInt(0, 7 - 3 + 1, replay) - 2
      corners.add(`${top},${left}`)
      const want = crop(x, top, left, 2, 3)
      expect(out.data.subarray(6 * s, 6 * s + 6)).toEqual(want.data.subarray(6 * s, 6 * s + 6))
    }
    expect(corners.size).toBeGreaterThan(3)
  })

  it('pads [left, top, right, bottom] and fills with the given value', () => {
    const out = randomCrop({ size: [4, 3], padding: [0, 1, 0, 0], fill: -1 })(
      image(),
      new Generator(0),
    )
    expect(out.toArray()).toEqual([
      [
        [
          [-1, -1, -1],
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      ],
    ])
  })

  it('names the sizes when the crop does not fit', () => {
    const f = randomCrop({ size: 6, padding: 1 })
    expect(() => f(image(), new Generator(0))).toThrow(ShapeError)
    expect(() => f(image(), new Generator(0))).toThrow(
      /crop size \[6, 6\] is larger than the padded image \[5, 5\]/,
    )
    expect(() => randomCrop({ size: 2, padding: [1, 2, 3] as never })).toThrow(/padding must be/)
    expect(() => randomCrop({ size: 2, padding: -1 })).toThrow(ArgumentError)
  })
})
