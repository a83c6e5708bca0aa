import { recordOp } from '../../autograd/graph'
import type { Conv2dGeometry } from '../../backend/backend'
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
 * Checks the shapes and options of a batched convolution (`input` `[N, C, H, W]`) and returns
 * its geometry; `op` names the caller in errors.
 */
export function conv2dGeometry(
  op: string,
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  options: Conv2dOptions,
): Conv2dGeometry {
  expectDType(op, 'the input', input.dtype, 'float32')
  expectDType(op, 'the weight', weight.dtype, 'float32')
  if (input.ndim !== 4) {
    throw new ShapeError(
      op,
      `expected input [N, C, H, W] (or unbatched [C, H, W]), got ${formatShape(input.shape)}`,
    )
  }
  if (weight.ndim !== 4) {
    throw new ShapeError(
      op,
      `expected weight [out_channels, in_channels / groups, kH, kW], got ${formatShape(weight.shape)}`,
    )
  }
  const groups = options.groups ?? 1
  if (!Number.isInteger(groups) || groups < 1) {
    throw new ArgumentError(op, `groups must be a positive integer, got ${groups}`)
  }
  const [batch, channels] = input.shape as [number, number, number, number]
  const [outChannels, groupChannels, kh, kw] = weight.shape as [number, number, number, number]
  if (outChannels % groups !== 0) {
    throw new ShapeError(
      op,
      `out_channels = ${outChannels} (weight ${formatShape(weight.shape)}) is not divisible by groups = ${groups}`,
      'use a number of output channels that is a multiple of groups',
    )
  }
  if (groupChannels * groups !== channels) {
    throw new ShapeError(
      op,
      `input ${formatShape(input.shape)} has ${channels} channels, but weight ${formatShape(weight.shape)} with groups = ${groups} expects in_channels = ${groupChannels}·${groups} = ${groupChannels * groups}`,
      'the weight is [out_channels, in_channels / groups, kH, kW]; check in_channels and groups',
    )
  }
  if (bias != null) {
    expectDType(op, 'the bias', bias.dtype, 'float32')
    if (bias.ndim !== 1 || bias.shape[0] !== outChannels) {
      throw new ShapeError(
        op,
        `bias ${formatShape(bias.shape)} does not match weight ${formatShape(weight.shape)}`,
        `the bias must have shape [${outChannels}] (one value per output channel)`,
      )
    }
  }
  const kernel = pair(op, 'kernel size', [kh, kw], 1)
  const stride = pair(op, 'stride', options.stride ?? 1, 1)
  const padding = pair(op, 'padding', options.padding ?? 0, 0)
  const dilation = pair(op, 'dilation', options.dilation ?? 1, 1)
  const win = slidingWindow(op, input.shape, channels, kernel, stride, padding, dilation)
  return { ...win, batch, groups, outChannels }
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
  if (input.ndim === 3) {
    const batched = conv2d(reshape(input, [1, ...input.shape]), weight, bias, options)
    return reshape(batched, batched.shape.slice(1))
  }
  const geometry = conv2dGeometry('conv2d', input, weight, bias, options)
  const { batch, outChannels, outH, outW } = geometry
  const X = input.data as Float32Array
  const Wt = weight.data as Float32Array
  const out = new Float32Array(batch * outChannels * outH * outW)
  getBackend().conv2d(X, Wt, bias != null ? (bias.data as Float32Array) : null, out, geometry)
  const result = new Tensor(out, [batch, outChannels, outH, outW])
  const inputs = bias != null ? [input, weight, bias] : [input, weight]
  return recordOp(result, 'conv2d', inputs, (grad) =>
    conv2dInputGrads(input, weight, bias, (gX, gW, gB) =>
      getBackend().conv2dBackward(grad.data as Float32Array, X, Wt, gX, gW, gB, geometry),
    ),
  )
}

/**
 * The gradients of a convolution's `input`, `weight` and `bias` (null where one needs none),
 * as the backward of an op recorded with those inputs returns them: `compute` fills the
 * arrays of the ones needed.
 */
export function conv2dInputGrads(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  compute: (gX: Float32Array | null, gW: Float32Array | null, gB: Float32Array | null) => void,
): (Tensor | null)[] {
  const gX = input.requiresGrad ? new Float32Array(input.size) : null
  const gW = weight.requiresGrad ? new Float32Array(weight.size) : null
  const gB = bias?.requiresGrad ? new Float32Array(bias.size) : null
  compute(gX, gW, gB)
  const gradInput = gX !== null ? new Tensor(gX, input.shape) : null
  const gradWeight = gW !== null ? new Tensor(gW, weight.shape) : null
  if (bias == null) return [gradInput, gradWeight]
  return [gradInput, gradWeight, gB !== null ? new Tensor(gB, bias.shape) : null]
}
