import {
  ArgumentError,
  arange,
  bernoulli,
  DTypeError,
  Generator,
  ShapeError,
  Tensor,
  tensor,
} from '@knack/core'
import { describe, expect, it } from 'vitest'
import { hflip, randomHorizontalFlip, randomVerticalFlip, vflip } from './flip'

/** Images [2, 1, 2, 3] holding 0 … 11. */
const images = () => arange(12).reshape([2, 1, 2, 3])

describe('hflip / vflip', () => {
  it('mirror each image along its width or height', () => {
    expect(hflip(images()).toArray()).toEqual([
      [
        [
          [2, 1, 0],
          [5, 4, 3],
        ],
      ],
      [
        [
          [8, 7, 6],
          [11, 10, 9],
        ],
      ],
    ])
    expect(vflip(images()).toArray()).toEqual([
      [
        [
          [3, 4, 5],
          [0, 1, 2],
        ],
      ],
      [
        [
          [9, 10, 11],
          [6, 7, 8],
        ],
      ],
    ])
  })

  it('leave the input untouched and flip every channel', () => {
    const x = arange(8).reshape([1, 2, 2, 2])
    const before = x.data.slice()
    expect(hflip(x).toArray()).toEqual([
      [
        [
          [1, 0],
          [3, 2],
        ],
        [
          [5, 4],
          [7, 6],
        ],
      ],
    ])
    expect(x.data).toEqual(before)
  })

  it('refuses what is not a float32 image batch outside the graph', () => {
    expect(() => hflip(arange(6).reshape([1, 2, 3]))).toThrow(ShapeError)
    expect(() => hflip(arange(6).reshape([1, 2, 3]))).toThrow(/\[N, C, H, W\], got \[1,2,3\]/)
    expect(() => vflip(tensor([[[[1]]]], { dtype: 'int32' }))).toThrow(DTypeError)
    expect(() => vflip(tensor([[[[1]]]], { requiresGrad: true }))).toThrow(ArgumentError)
  })
})

describe('randomHorizontalFlip / randomVerticalFlip', () => {
  it('flip always with p = 1 and never with p = 0', () => {
    const g = new Generator(1)
    expect(randomHorizontalFlip({ p: 1 })(images(), g).data).toEqual(hflip(images()).data)
    expect(randomVerticalFlip({ p: 1 })(images(), g).data).toEqual(vflip(images()).data)
    expect(randomHorizontalFlip({ p: 0 })(images(), g).data).toEqual(images().data)
  })

  it('flip exactly the samples whose Bernoulli(p) draw is 1', () => {
    const n = 16
    const x = new Tensor(
      Float32Array.from({ length: n * 6 }, (_, i) => i),
      [n, 1, 2, 3],
    )
    const out = randomVerticalFlip({ p: 0.5 })(x, new Generator(7))
    const replay = new Generator(7)
    const flipped = vflip(x)
    let count = 0
    for (let s = 0; s < n; s++) {
      const want = bernoulli(0.5, replay) === 1 ? flipped : x
      count += want === flipped ? 1 : 0
      expect(out.data.subarray(6 * s, 6 * s + 6)).toEqual(want.data.subarray(6 * s, 6 * s + 6))
    }
    expect(count).toBeGreaterThan(0)
    expect(count).toBeLessThan(n)
  })

  it('gives identical output for the same seed', () => {
    const x = arange(64 * 4).reshape([64, 1, 2, 2])
    const f = randomHorizontalFlip()
    expect(f(x, new Generator(3)).data).toEqual(f(x, new Generator(3)).data)
    expect(f(x, new Generator(3)).data).not.toEqual(f(x, new Generator(4)).data)
  })

  it('transforms the inputs of a batch and keeps its targets', () => {
    const targets = tensor(Int32Array.of(4, 2))
    const out = randomHorizontalFlip({ p: 1 })({ inputs: images(), targets }, new Generator(0))
    expect(out.inputs.data).toEqual(hflip(images()).data)
    expect(out.targets).toBe(targets)
  })

  it('refuses a probability outside [0, 1]', () => {
    expect(() => randomHorizontalFlip({ p: 1.5 })).toThrow(
      /p must be a probability in \[0, 1\], got 1.5/,
    )
  })
})
