import { recordOp } from '../../autograd/graph'
import { getBackend } from '../../backend/registry'
import { Tensor } from '../../tensor'
import { checkPoolPadding, poolPlanes } from './pool-input'
import { pair, type Size2d, slidingWindow } from './window'

/** Options of {@link avgPool2d}, as in `torch.nn.functional.avg_pool2d`. */
export interface AvgPool2dOptions {
  /** Window size. */
  kernelSize: Size2d
  /** Step of the window (default `kernelSize`). */
  stride?: Size2d
  /** Implicit zero padding on both sides, at most half the kernel size (default 0). */
  padding?: Size2d
  /** Divide by the full window size, padding included (default true), else by the taps inside. */
  countIncludePad?: boolean
}

/**
 * 2-D average pooling over the last two dimensions of `[N, C, H, W]` (or `[C, H, W]`):
 * `out[…, y, x] = Σ_{i, j} in[…, y·sH − pH + i, x·sW − pW + j] / divisor`, where the divisor
 * is `kH·kW` with `countIncludePad`, else the number of taps inside the input.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.avg_pool2d.html
 */
export function avgPool2d(input: Tensor, options: AvgPool2dOptions): Tensor {
  const planes = poolPlanes('avgPool2d', input)
  const kernel = pair('avgPool2d', 'kernelSize', options.kernelSize, 1)
  const stride = pair('avgPool2d', 'stride', options.stride ?? options.kernelSize, 1)
  const padding = pair('avgPool2d', 'padding', options.padding ?? 0, 0)
  const countIncludePad = options.countIncludePad ?? true
  checkPoolPadding('avgPool2d', padding, kernel)
  const win = slidingWindow('avgPool2d', input.shape, planes, kernel, stride, padding, [1, 1])
  const out = new Float32Array(planes * win.outH * win.outW)
  getBackend().avgPool2d(input.data as Float32Array, out, win, countIncludePad)
  const result = new Tensor(out, [...input.shape.slice(0, -2), win.outH, win.outW])
  return recordOp(result, 'avgPool2d', [input], (grad) => {
    const gX = new Float32Array(input.size)
    getBackend().avgPool2dBackward(grad.data as Float32Array, gX, win, countIncludePad)
    return [new Tensor(gX, input.shape)]
  })
}
