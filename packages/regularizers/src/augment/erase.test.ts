import { ArgumentError, arange, Generator, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { erase, eraseBoxes } from './erase'

describe('erase', () => {
  it('sets the box of every image and channel to the value', () => {
    const x = arange(1, 9).reshape([1, 2, 2, 2])
    expect(erase(x, 0, 1, 2, 1, -1).toArray()).toEqual([
      [
        [
          [1, -1],
          [3, -1],
        ],
        [
          [5, -1],
          [7, -1],
        ],
      ],
    ])
    expect(x.data[1]).toBe(2)
  })

  it('ignores the part of the box outside the image', () => {
    const x = arange(1, 10).reshape([1, 1, 3, 3])
    expect(erase(x, -1, 2, 3, 5).toArray()).toEqual([
      [
        [
          [1, 2, 0],
          [4, 5, 0],
          [7, 8, 9],
        ],
      ],
    ])
    expect(erase(x, 3, 0, 2, 2).data).toEqual(x.data)
    expect(erase(x, 0, 0, 0, 2).data).toEqual(x.data)
  })

  it('refuses negative sizes and non-finite values', () => {
    const x = arange(4).reshape([1, 1, 2, 2])
    expect(() => erase(x, 0, 0, -1, 1)).toThrow(ArgumentError)
    expect(() => erase(x, 0, 0, 1, 1, Number.NaN)).toThrow(/value must be a finite number/)
  })
})

describe('eraseBoxes', () => {
  it('erases each sample’s own box, with seeded normal noise for "random"', () => {
    const x = new Tensor(new Float32Array(2 * 2 * 3 * 3).fill(7), [2, 2, 3, 3])
    const boxes = Int32Array.of(0, 0, 1, 2, 1, 1, 2, 1)
    const out = eraseBoxes('test', x, boxes, 'random', new Generator(5))
    const g = new Generator(5)
    const changed: number[] = []
    out.data.forEach((v, i) => {
      if (v !== 7) changed.push(i)
    })
    // Sample 0: row 0, columns 0–1; sample 1: rows 1–2, column 1; both channels.
    expect(changed).toEqual([0, 1, 9, 10, 22, 25, 31, 34])
    for (const i of changed) expect(out.data[i]).toBe(Math.fround(g.nextNormal()))
  })
})
