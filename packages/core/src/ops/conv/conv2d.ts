import { recordOp } from '../../autograd/graph'
import { getBackend } from '../../backend/registry'
import { expectDType } from '../../dtype'
import { ArgumentError, ShapeError } from '../../errors'
import { formatShape } from '../../shape'
import { Tensor } from '../../tensor'
import { reshape } from '../shape/reshape'
import { pair, type Size2d, slidingWindow } from './window'

/** Options of {@link conv2d}, as in `torch.nn.functional.conv2d`. */
export interface Conv2dOptions {
  /** Step of the kernel (default 1). */
  stride?: Size2d
  /** Zero padding added to both sides of each spatial axis (default 0). */
  padding?: Size2d
  /** Spacing between kernel taps (default 1). */
  dilation?: Size2d
  /** Number of blocked connections from input to output channels (default 1). */
  groups?: number
}

/**
 * 2-D convolution (cross-correlation, as in PyTorch) of an NCHW `input` `[N, C, H, W]` (or
 * unbatched `[C, H, W]`) with `weight` `[out_channels, C / groups, kH, kW]` plus an optional
 * `bias` `[out_channels]`:
 * `out[n, o, y, x] = b[o] + Σ_{c, i, j} w[o, c, i, j] · in[n, g·C/groups + c, y·sH − pH + i·dH, x·sW − pW + j·dW]`.
 * Runs on the active backend's `conv2d` kernels (im2col lowering to matrix products; the
 * backward folds the input gradient back with col2im).
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.conv2d.html
 */
export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias?: Tensor | null,
  options: Conv2dOptions = {},
): Tensor {
  expectDType('conv2d', 'the input', input.dtype, 'float32')
  expectDType('conv2d', 'the weight', weight.dtype, 'float32')
  if (input.ndim === 3) {
    const batched = conv2d(reshape(input, [1, ...input.shape]), weight, bias, options)
    return reshape(batched, batched.shape.slice(1))
  }
  if (input.ndim !== 4) {
    throw new ShapeError(
      'conv2d',
      `expected input [N, C, H, W] (or unbatched [C, H, W]), got ${formatShape(input.shape)}`,
    )
  }
  if (weight.ndim !== 4) {
    throw new ShapeError(
      'conv2d',
      `expected weight [out_channels, in_channels / groups, kH, kW], got ${formatShape(weight.shape)}`,
    )
  }
  const groups = options.groups ?? 1
  if (!Number.isInteger(groups) || groups < 1) {
    throw new ArgumentError('conv2d', `groups must be a positive integer, got ${groups}`)
  }
  const [batch, channels] = input.shape as [number, number, number, number]
  const [outChannels, groupChannels, kh, kw] = weight.shape as [number, number, number, number]
  if (outChannels % groups !== 0) {
    throw new ShapeError(
      'conv2d',
      `out_channels = ${outChannels} (weight ${formatShape(weight.shape)}) is not divisible by groups = ${groups}`,
      'use a number of output channels that is a multiple of groups',
    )
  }
  if (groupChannels * groups !== channels) {
    throw new ShapeError(
      'conv2d',
      `input ${formatShape(input.shape)} has ${channels} channels, but weight ${formatShape(weight.shape)} with groups = ${groups} expects in_channels = ${groupChannels}·${groups} = ${groupChannels * groups}`,
      'the weight is [out_channels, in_channels / groups, kH, kW]; check in_channels and groups',
    )
  }
  if (bias != null) {
    expectDType('conv2d', 'the bias', bias.dtype, 'float32')
    if (bias.ndim !== 1 || bias.shape[0] !== outChannels) {
      throw new ShapeError(
        'conv2d',
        `bias ${formatShape(bias.shape)} does not match weight ${formatShape(weight.shape)}`,
        `the bias must have shape [${outChannels}] (one value per output channel)`,
      )
    }
  }
  const kernel = pair('conv2d', 'kernel size', [kh, kw], 1)
  const stride = pair('conv2d', 'stride', options.stride ?? 1, 1)
  const padding = pair('conv2d', 'padding', options.padding ?? 0, 0)
  const dilation = pair('conv2d', 'dilation', options.dilation ?? 1, 1)
  const win = slidingWindow('conv2d', input.shape, channels, kernel, stride, padding, dilation)

  const geometry = { ...win, batch, groups, outChannels }
  const X = input.data as Float32Array
  const Wt = weight.data as Float32Array
  const out = new Float32Array(batch * outChannels * win.outH * win.outW)
  getBackend().conv2d(X, Wt, bias != null ? (bias.data as Float32Array) : null, out, geometry)
  const result = new Tensor(out, [batch, outChannels, win.outH, win.outW])
  const inputs = bias != null ? [input, weight, bias] : [input, weight]
  return recordOp(result, 'conv2d', inputs, (grad) => {
    const gX = input.requiresGrad ? new Float32Array(input.size) : null
    const gW = weight.requiresGrad ? new Float32Array(weight.size) : null
    const gB = bias?.requiresGrad ? new Float32Array(outChannels) : null
    getBackend().conv2dBackward(grad.data as Float32Array, X, Wt, gX, gW, gB, geometry)
    const gradInput = gX !== null ? new Tensor(gX, input.shape) : null
    const gradWeight = gW !== null ? new Tensor(gW, weight.shape) : null
    if (bias == null) return [gradInput, gradWeight]
    const gradBias = gB !== null ? new Tensor(gB, bias.shape) : null
    return [gradInput, gradWeight, gradBias]
  })
}
