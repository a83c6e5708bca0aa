import { avgPool2d, randn, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { AvgPool2d } from './avg-pool2d'

describe('AvgPool2d', () => {
  it('averages windows with the stride defaulting to the kernel size', () => {
    const x = tensor([
      [
        [1, 3, 2, 0],
        [3, 5, 8, 2],
        [0, 0, 1, 1],
        [8, 4, 1, 5],
      ],
    ])
    expect(new AvgPool2d(2).forward(x).toArray()).toEqual([
      [
        [3, 3],
        [3, 2],
      ],
    ])
  })

  it('passes stride, padding and countIncludePad to avgPool2d and has no parameters', () => {
    const x = randn([2, 3, 7, 6])
    const pool = new AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false })
    const want = avgPool2d(x, { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false })
    expect(Array.from(pool.forward(x).data)).toEqual(Array.from(want.data))
    expect(pool.countIncludePad).toBe(false)
    expect(new AvgPool2d(2).countIncludePad).toBe(true)
    expect(pool.parameters()).toEqual([])
  })
})
