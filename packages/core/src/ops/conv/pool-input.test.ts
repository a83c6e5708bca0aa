import { describe, expect, it } from 'vitest'
import { ArgumentError, DTypeError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { checkPoolPadding, poolPlanes } from './pool-input'

describe('poolPlanes', () => {
  it('counts the planes of batched and unbatched inputs', () => {
    expect(poolPlanes('op', new Tensor(new Float32Array(2 * 3 * 4 * 5), [2, 3, 4, 5]))).toBe(6)
    expect(poolPlanes('op', new Tensor(new Float32Array(3 * 4 * 5), [3, 4, 5]))).toBe(3)
  })

  it('rejects other ranks and int32 inputs', () => {
    expect(() => poolPlanes('maxPool2d', new Tensor(new Float32Array(20), [4, 5]))).toThrow(
      'maxPool2d: expected input [N, C, H, W] (or unbatched [C, H, W]), got [4,5]',
    )
    expect(() => poolPlanes('op', new Tensor(new Float32Array(2), [1, 1, 1, 1, 2]))).toThrow(
      ShapeError,
    )
    expect(() => poolPlanes('op', new Tensor(new Int32Array(4), [1, 1, 2, 2]))).toThrow(DTypeError)
  })
})

describe('checkPoolPadding', () => {
  it('allows padding up to half the kernel on each axis', () => {
    expect(() => checkPoolPadding('op', [1, 2], [3, 4])).not.toThrow()
    expect(() => checkPoolPadding('op', [0, 0], [1, 1])).not.toThrow()
    expect(() => checkPoolPadding('op', [1, 0], [1, 1])).toThrow(ArgumentError)
    expect(() => checkPoolPadding('op', [0, 3], [3, 5])).toThrow(
      'op: padding 0x3 is more than half the kernel size 3x5 (help: use padding of at most 1x2)',
    )
  })
})
