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
 * Lowered to matrix products through im2col; the backward uses col2im for the input.
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

  const L = win.outH * win.outW
  const K = groupChannels * kh * kw
  const groupOut = outChannels / groups
  const imageSize = channels * win.height * win.width
  // A 1×1 kernel with unit stride and no padding reads the image itself as its column matrix.
  const pointwise =
    kh === 1 &&
    kw === 1 &&
    stride[0] === 1 &&
    stride[1] === 1 &&
    padding[0] === 0 &&
    padding[1] === 0
  const X = input.data as Float32Array
  const Wt = weight.data as Float32Array
  const backend = getBackend()
  const col = pointwise ? X : new Float32Array(channels * kh * kw * L)
  const out = new Float32Array(batch * outChannels * L)
  for (let n = 0; n < batch; n++) {
    if (!pointwise) backend.im2col(X, n * imageSize, col, win)
    backend.matmul(Wt, col, out, {
      m: groupOut,
      n: L,
      k: K,
      batch: groups,
      strideA: groupOut * K,
      offsetB: pointwise ? n * imageSize : 0,
      strideB: K * L,
      offsetOut: n * outChannels * L,
      strideOut: groupOut * L,
    })
  }
  if (bias != null) {
    const b = bias.data
    for (let n = 0, o = 0; n < batch; n++) {
      for (let c = 0; c < outChannels; c++) {
        const v = b[c]!
        for (let l = 0; l < L; l++, o++) out[o]! += v
      }
    }
  }
  const result = new Tensor(out, [batch, outChannels, win.outH, win.outW])
  const inputs = bias != null ? [input, weight, bias] : [input, weight]
  return recordOp(result, 'conv2d', inputs, (grad) => {
    const G = grad.data as Float32Array
    const be = getBackend()
    let gradInput: Tensor | null = null
    let gradWeight: Tensor | null = null
    if (input.requiresGrad) {
      const gX = new Float32Array(input.size)
      const gCol = pointwise ? gX : new Float32Array(channels * kh * kw * L)
      for (let n = 0; n < batch; n++) {
        be.matmul(Wt, G, gCol, {
          m: K,
          n: L,
          k: groupOut,
          transA: true,
          batch: groups,
          strideA: groupOut * K,
          offsetB: n * outChannels * L,
          strideB: groupOut * L,
          offsetOut: pointwise ? n * imageSize : 0,
          strideOut: K * L,
        })
        if (!pointwise) be.col2im(gCol, gX, n * imageSize, win)
      }
      gradInput = new Tensor(gX, input.shape)
    }
    if (weight.requiresGrad) {
      const gW = new Float32Array(weight.size)
      const cols = pointwise ? X : new Float32Array(channels * kh * kw * L)
      for (let n = 0; n < batch; n++) {
        if (!pointwise) be.im2col(X, n * imageSize, cols, win)
        be.matmul(G, cols, gW, {
          m: groupOut,
          n: K,
          k: L,
          transB: true,
          batch: groups,
          offsetA: n * outChannels * L,
          strideA: groupOut * L,
          offsetB: pointwise ? n * imageSize : 0,
          strideB: K * L,
          strideOut: groupOut * K,
          accumulate: true,
        })
      }
      gradWeight = new Tensor(gW, weight.shape)
    }
    if (bias == null) return [gradInput, gradWeight]
    let gradBias: Tensor | null = null
    if (bias.requiresGrad) {
      const sums = new Float64Array(outChannels)
      for (let n = 0, o = 0; n < batch; n++) {
        for (let c = 0; c < outChannels; c++) {
          let s = 0
          for (let l = 0; l < L; l++, o++) s += G[o]!
          sums[c]! += s
        }
      }
      gradBias = new Tensor(Float32Array.from(sums), bias.shape)
    }
    return [gradInput, gradWeight, gradBias]
  })
}
