import { maxPool2d, randn, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { MaxPool2d } from './max-pool2d'

describe('MaxPool2d', () => {
  it('takes window maxima with the stride defaulting to the kernel size', () => {
    const x = tensor([
      [
        [1, 5, 2, 0],
        [3, 4, 8, 1],
        [0, 0, 1, 1],
        [9, 2, 1, 7],
      ],
    ])
    expect(new MaxPool2d(2).forward(x).toArray()).toEqual([
      [
        [5, 8],
        [9, 7],
      ],
    ])
  })

  it('passes stride, padding and dilation to maxPool2d and has no parameters', () => {
    const x = randn([2, 3, 9, 8])
    const pool = new MaxPool2d(3, { stride: 2, padding: 1, dilation: 2 })
    const want = maxPool2d(x, { kernelSize: 3, stride: 2, padding: 1, dilation: 2 })
    expect(pool.forward(x).shape).toEqual(want.shape)
    expect(Array.from(pool.forward(x).data)).toEqual(Array.from(want.data))
    expect(pool.parameters()).toEqual([])
  })
})
