import type { Window2d } from '../../backend/backend'
import { ArgumentError, ShapeError } from '../../errors'
import { formatShape, type Shape } from '../../shape'

/** A 2-D size: one number for both axes, or `[height, width]`. */
export type Size2d = number | readonly [number, number]

/** Resolves a {@link Size2d} to `[h, w]`, checking that both are integers ≥ `min`. */
export function pair(op: string, name: string, value: Size2d, min: number): [number, number] {
  const hw: [number, number] = typeof value === 'number' ? [value, value] : [value[0], value[1]]
  const valid =
    (typeof value === 'number' || value.length === 2) &&
    hw.every((v) => Number.isInteger(v) && v >= min)
  if (!valid) {
    throw new ArgumentError(
      op,
      `${name} must be an integer ≥ ${min} or a pair [h, w] of them, got ${JSON.stringify(value)}`,
    )
  }
  return hw
}

/** Output length of a sliding window: `⌊(size + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1`. */
export function slidingOutputSize(
  size: number,
  kernel: number,
  stride: number,
  pad: number,
  dilation: number,
): number {
  return Math.floor((size + 2 * pad - dilation * (kernel - 1) - 1) / stride) + 1
}

/**
 * The {@link Window2d} of a `[kh, kw]` kernel sliding over the last two dimensions of
 * `shape` (`channels` planes), or a ShapeError naming the op and the shapes when the dilated
 * kernel does not fit the padded input.
 */
export function slidingWindow(
  op: string,
  shape: Shape,
  channels: number,
  kernel: [number, number],
  stride: [number, number],
  padding: [number, number],
  dilation: [number, number],
): Window2d {
  const height = shape[shape.length - 2]!
  const width = shape[shape.length - 1]!
  const outH = slidingOutputSize(height, kernel[0], stride[0], padding[0], dilation[0])
  const outW = slidingOutputSize(width, kernel[1], stride[1], padding[1], dilation[1])
  if (outH < 1 || outW < 1) {
    const extent = kernel.map((k, i) => dilation[i]! * (k - 1) + 1)
    throw new ShapeError(
      op,
      `kernel ${kernel.join('x')} (extent ${extent.join('x')} with dilation ${dilation.join('x')}) is bigger than the padded input ${height + 2 * padding[0]}x${width + 2 * padding[1]} (input ${formatShape(shape)}, padding ${padding.join('x')})`,
      'use a smaller kernel or dilation, more padding, or a larger input',
    )
  }
  return {
    channels,
    height,
    width,
    kernelH: kernel[0],
    kernelW: kernel[1],
    strideH: stride[0],
    strideW: stride[1],
    padH: padding[0],
    padW: padding[1],
    dilationH: dilation[0],
    dilationW: dilation[1],
    outH,
    outW,
  }
}
