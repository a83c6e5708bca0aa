import {
  ArgumentError,
  DTypeError,
  formatShape,
  Module,
  recordOp,
  ShapeError,
  Tensor,
} from '@knack/core'

/** A target size: one number for both axes, or `[h, w]` where `null` keeps the input's size. */
export type AdaptiveSize2d = number | readonly [number | null, number | null]

function resolveSize(size: AdaptiveSize2d, height: number, width: number): [number, number] {
  const hw = typeof size === 'number' ? [size, size] : [size[0] ?? height, size[1] ?? width]
  if (
    (typeof size !== 'number' && size.length !== 2) ||
    !hw.every((v) => Number.isInteger(v) && v >= 1)
  ) {
    throw new ArgumentError(
      'adaptiveAvgPool2d',
      `outputSize must be a positive integer or a pair [h, w] of them (null keeps the input size), got ${JSON.stringify(size)}`,
    )
  }
  return hw as [number, number]
}

/** Window `[start, end)` of output cell `i` of `out` cells over `size` input cells. */
function windowBounds(size: number, out: number): Int32Array {
  const bounds = new Int32Array(2 * out)
  for (let i = 0; i < out; i++) {
    bounds[2 * i] = Math.floor((i * size) / out)
    bounds[2 * i + 1] = Math.ceil(((i + 1) * size) / out)
  }
  return bounds
}

/**
 * 2-D adaptive average pooling of `[N, C, H, W]` (or `[C, H, W]`) to `outputSize`: output cell
 * `(i, j)` averages rows `⌊i·H/oh⌋ … ⌈(i+1)·H/oh⌉ − 1` and columns `⌊j·W/ow⌋ … ⌈(j+1)·W/ow⌉ − 1`,
 * so windows cover the input even when the sizes do not divide (they may overlap by one).
 * The gradient spreads each output's gradient evenly over its window.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.AdaptiveAvgPool2d.html
 */
export function adaptiveAvgPool2d(x: Tensor, outputSize: AdaptiveSize2d): Tensor {
  if (x.dtype !== 'float32') {
    throw new DTypeError(
      'adaptiveAvgPool2d',
      `expected a float32 input, got ${x.dtype}`,
      'convert with .toFloat()',
    )
  }
  if (x.ndim !== 3 && x.ndim !== 4) {
    throw new ShapeError(
      'adaptiveAvgPool2d',
      `expected input [N, C, H, W] or [C, H, W], got ${formatShape(x.shape)}`,
    )
  }
  const height = x.shape[x.ndim - 2]!
  const width = x.shape[x.ndim - 1]!
  if (height === 0 || width === 0) {
    throw new ShapeError(
      'adaptiveAvgPool2d',
      `input ${formatShape(x.shape)} has an empty spatial dimension`,
      'pool an input with H, W ≥ 1',
    )
  }
  const [outH, outW] = resolveSize(outputSize, height, width)
  const planes = x.size / (height * width)
  const rows = windowBounds(height, outH)
  const cols = windowBounds(width, outW)
  const X = x.data as Float32Array
  const out = new Float32Array(planes * outH * outW)
  for (let p = 0, o = 0; p < planes; p++) {
    const base = p * height * width
    for (let i = 0; i < outH; i++) {
      const h0 = rows[2 * i]!
      const h1 = rows[2 * i + 1]!
      for (let j = 0; j < outW; j++, o++) {
        const w0 = cols[2 * j]!
        const w1 = cols[2 * j + 1]!
        let s = 0
        for (let h = h0; h < h1; h++) {
          const row = base + h * width
          for (let w = w0; w < w1; w++) s += X[row + w]!
        }
        out[o] = s / ((h1 - h0) * (w1 - w0))
      }
    }
  }
  const result = new Tensor(out, [...x.shape.slice(0, -2), outH, outW])
  return recordOp(result, 'adaptiveAvgPool2d', [x], (grad) => {
    const G = grad.data
    const gX = new Float32Array(x.size)
    for (let p = 0, o = 0; p < planes; p++) {
      const base = p * height * width
      for (let i = 0; i < outH; i++) {
        const h0 = rows[2 * i]!
        const h1 = rows[2 * i + 1]!
        for (let j = 0; j < outW; j++, o++) {
          const w0 = cols[2 * j]!
          const w1 = cols[2 * j + 1]!
          const share = G[o]! / ((h1 - h0) * (w1 - w0))
          for (let h = h0; h < h1; h++) {
            const row = base + h * width
            for (let w = w0; w < w1; w++) gX[row + w]! += share
          }
        }
      }
    }
    return [new Tensor(gX, x.shape)]
  })
}

/**
 * Adaptive average pooling to a fixed `outputSize` whatever the input size (see
 * {@link adaptiveAvgPool2d}); `new AdaptiveAvgPool2d(1)` is global average pooling. No parameters.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.AdaptiveAvgPool2d.html
 */
export class AdaptiveAvgPool2d extends Module<[Tensor], Tensor> {
  constructor(readonly outputSize: AdaptiveSize2d) {
    super()
    resolveSize(outputSize, 1, 1)
  }

  forward(x: Tensor): Tensor {
    return adaptiveAvgPool2d(x, this.outputSize)
  }
}
