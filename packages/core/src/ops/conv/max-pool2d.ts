import { recordOp } from '../../autograd/graph'
import type { Window2d } from '../../backend/backend'
import { getBackend } from '../../backend/registry'
import type { Shape } from '../../shape'
import { Tensor } from '../../tensor'
import { checkPoolPadding, poolPlanes } from './pool-input'
import { pair, type Size2d, slidingWindow } from './window'

/** Options of {@link maxPool2d}, as in `torch.nn.functional.max_pool2d`. */
export interface MaxPool2dOptions {
  /** Window size. */
  kernelSize: Size2d
  /** Step of the window (default `kernelSize`). */
  stride?: Size2d
  /** Implicit −∞ padding on both sides, at most half the kernel size (default 0). */
  padding?: Size2d
  /** Spacing between window taps (default 1). */
  dilation?: Size2d
}

/**
 * 2-D max pooling over the last two dimensions of `[N, C, H, W]` (or `[C, H, W]`):
 * `out[…, y, x] = max_{i, j} in[…, y·sH − pH + i·dH, x·sW − pW + j·dW]`, padding read as −∞.
 * The gradient flows to the first maximum of each window only; NaN propagates.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.max_pool2d.html
 */
export function maxPool2d(input: Tensor, options: MaxPool2dOptions): Tensor {
  const planes = poolPlanes('maxPool2d', input)
  const win = maxPool2dWindow('maxPool2d', input.shape, planes, options)
  const size = planes * win.outH * win.outW
  const out = new Float32Array(size)
  const indices = new Int32Array(size)
  getBackend().maxPool2d(input.data as Float32Array, out, indices, win)
  const result = new Tensor(out, [...input.shape.slice(0, -2), win.outH, win.outW])
  return recordOp(result, 'maxPool2d', [input], (grad) => {
    const gX = new Float32Array(input.size)
    getBackend().maxPool2dBackward(grad.data as Float32Array, indices, gX, win)
    return [new Tensor(gX, input.shape)]
  })
}

/**
 * Checks max-pooling options for `planes` maps of the last two sizes of `shape` and returns
 * the pooling window; `op` names the caller in errors.
 */
export function maxPool2dWindow(
  op: string,
  shape: Shape,
  planes: number,
  options: MaxPool2dOptions,
): Window2d {
  const kernel = pair(op, 'kernelSize', options.kernelSize, 1)
  const stride = pair(op, 'stride', options.stride ?? options.kernelSize, 1)
  const padding = pair(op, 'padding', options.padding ?? 0, 0)
  const dilation = pair(op, 'dilation', options.dilation ?? 1, 1)
  checkPoolPadding(op, padding, kernel)
  return slidingWindow(op, shape, planes, kernel, stride, padding, dilation)
}
