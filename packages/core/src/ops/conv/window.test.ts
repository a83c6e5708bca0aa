import { describe, expect, it } from 'vitest'
import { ArgumentError, ShapeError } from '../../errors'
import { pair, slidingOutputSize, slidingWindow } from './window'

describe('pair', () => {
  it('spreads one number over both axes and keeps a pair', () => {
    expect(pair('op', 'stride', 2, 1)).toEqual([2, 2])
    expect(pair('op', 'padding', [0, 3], 0)).toEqual([0, 3])
  })

  it('rejects values below the minimum, fractions and malformed pairs', () => {
    expect(() => pair('conv2d', 'stride', 0, 1)).toThrow(ArgumentError)
    expect(() => pair('conv2d', 'stride', 0, 1)).toThrow(
      'conv2d: stride must be an integer ≥ 1 or a pair [h, w] of them, got 0',
    )
    expect(() => pair('op', 'padding', [1, -1], 0)).toThrow(/got \[1,-1\]/)
    expect(() => pair('op', 'stride', 1.5, 1)).toThrow(ArgumentError)
    expect(() => pair('op', 'stride', [1, 2, 3] as unknown as [number, number], 1)).toThrow(
      ArgumentError,
    )
  })
})

describe('slidingOutputSize', () => {
  it('follows ⌊(size + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1', () => {
    expect(slidingOutputSize(5, 3, 1, 0, 1)).toBe(3)
    expect(slidingOutputSize(7, 3, 2, 1, 1)).toBe(4)
    expect(slidingOutputSize(7, 3, 1, 2, 2)).toBe(7)
    expect(slidingOutputSize(6, 2, 3, 0, 1)).toBe(2)
    expect(slidingOutputSize(2, 3, 1, 0, 1)).toBe(0)
  })
})

describe('slidingWindow', () => {
  it('describes the window over the last two dimensions', () => {
    expect(slidingWindow('op', [2, 3, 7, 6], 6, [3, 2], [2, 1], [1, 0], [1, 2])).toEqual({
      channels: 6,
      height: 7,
      width: 6,
      kernelH: 3,
      kernelW: 2,
      strideH: 2,
      strideW: 1,
      padH: 1,
      padW: 0,
      dilationH: 1,
      dilationW: 2,
      outH: 4,
      outW: 4,
    })
  })

  it('names the op, the kernel and the padded input when the kernel does not fit', () => {
    expect(() => slidingWindow('conv2d', [1, 1, 4, 9], 1, [3, 3], [1, 1], [0, 0], [2, 1])).toThrow(
      ShapeError,
    )
    expect(() => slidingWindow('conv2d', [1, 1, 4, 9], 1, [3, 3], [1, 1], [0, 0], [2, 1])).toThrow(
      'conv2d: kernel 3x3 (extent 5x3 with dilation 2x1) is bigger than the padded input 4x9 (input [1,1,4,9], padding 0x0) (help: use a smaller kernel or dilation, more padding, or a larger input)',
    )
  })
})
