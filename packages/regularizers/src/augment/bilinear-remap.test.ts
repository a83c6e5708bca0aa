import { arange, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { remapBilinear } from './bilinear-remap'

describe('remapBilinear', () => {
  const image = () =>
    tensor([
      [
        [
          [0, 10],
          [20, 30],
        ],
      ],
    ])

  it('reads pixel centres exactly and interpolates between them', () => {
    const at = (pairs: [number, number][]) =>
      remapBilinear('test', image(), 0, (_, xs, ys) => {
        pairs.forEach(([x, y], i) => {
          xs[i] = x
          ys[i] = y
        })
      }).data
    expect(
      at([
        [1, 0],
        [0, 1],
        [1, 1],
        [0, 0],
      ]),
    ).toEqual(Float32Array.of(10, 20, 30, 0))
    expect(
      at([
        [0.5, 0],
        [0, 0.25],
        [0.5, 0.5],
        [0.75, 1],
      ]),
    ).toEqual(Float32Array.of(5, 5, 15, 27.5))
  })

  it('counts neighbours outside the image as fill', () => {
    const out = remapBilinear('test', image(), 100, (_, xs, ys) => {
      xs.set([1.5, -0.25, 5, 1])
      ys.set([0, 1, 5, -0.5])
    })
    // 0.5·10 + 0.5·100; 0.25·100 + 0.75·20; all outside; 0.5·100 + 0.5·10.
    expect(out.data).toEqual(Float32Array.of(55, 40, 100, 55))
  })

  it('asks the map once per sample and applies it to every channel', () => {
    const x = arange(2 * 2 * 1 * 2).reshape([2, 2, 1, 2])
    const seen: number[] = []
    const out = remapBilinear('test', x, 0, (s, xs, ys) => {
      seen.push(s)
      xs.set(s === 0 ? [1, 0] : [0.5, 0.5])
      ys.set([0, 0])
    })
    expect(seen).toEqual([0, 1])
    expect(out.toArray()).toEqual([
      [[[1, 0]], [[3, 2]]],
      [[[4.5, 4.5]], [[6.5, 6.5]]],
    ])
  })
})
