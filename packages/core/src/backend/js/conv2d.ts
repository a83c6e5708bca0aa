import type { Conv2dGeometry } from '../backend'
import { jsCol2im, jsIm2col } from './im2col'
import { jsMatmul } from './matmul'

/** Sizes every convolution kernel derives from its geometry. */
function layout(g: Conv2dGeometry) {
  const L = g.outH * g.outW
  const groupChannels = g.channels / g.groups
  return {
    L,
    K: groupChannels * g.kernelH * g.kernelW,
    groupOut: g.outChannels / g.groups,
    imageSize: g.channels * g.height * g.width,
    // A 1×1 kernel with unit stride and no padding reads the image itself as its column matrix.
    pointwise:
      g.kernelH === 1 &&
      g.kernelW === 1 &&
      g.strideH === 1 &&
      g.strideW === 1 &&
      g.padH === 0 &&
      g.padW === 0,
  }
}

/**
 * Reference batched convolution: per image, im2col then one matrix product per group,
 * `out[n, g] = W_g · col_g`, plus the bias of each output channel.
 * @see https://hal.inria.fr/inria-00112631 (Chellapilla et al., High performance
 * convolutional neural networks for document processing)
 */
export function jsConv2d(
  input: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  out: Float32Array,
  g: Conv2dGeometry,
): void {
  const { L, K, groupOut, imageSize, pointwise } = layout(g)
  const col = pointwise ? input : new Float32Array(g.channels * g.kernelH * g.kernelW * L)
  for (let n = 0; n < g.batch; n++) {
    if (!pointwise) jsIm2col(input, n * imageSize, col, g)
    jsMatmul(weight, col, out, {
      m: groupOut,
      n: L,
      k: K,
      batch: g.groups,
      strideA: groupOut * K,
      offsetB: pointwise ? n * imageSize : 0,
      strideB: K * L,
      offsetOut: n * g.outChannels * L,
      strideOut: groupOut * L,
    })
  }
  if (bias !== null) {
    for (let n = 0, o = 0; n < g.batch; n++) {
      for (let c = 0; c < g.outChannels; c++) {
        const v = bias[c]!
        for (let l = 0; l < L; l++, o++) out[o]! += v
      }
    }
  }
}

/**
 * Reference convolution backward: `gradInput[n] = col2im(Wᵀ · gradOut[n])`,
 * `gradWeight = Σ_n gradOut[n] · im2col(input[n])ᵀ` and `gradBias = Σ gradOut` per output
 * channel (in float64), each per group; null gradients are skipped, the others overwritten.
 */
export function jsConv2dBackward(
  gradOut: Float32Array,
  input: Float32Array,
  weight: Float32Array,
  gradInput: Float32Array | null,
  gradWeight: Float32Array | null,
  gradBias: Float32Array | null,
  g: Conv2dGeometry,
): void {
  const { L, K, groupOut, imageSize, pointwise } = layout(g)
  const colSize = g.channels * g.kernelH * g.kernelW * L
  if (gradInput !== null) {
    gradInput.fill(0)
    const gCol = pointwise ? gradInput : new Float32Array(colSize)
    for (let n = 0; n < g.batch; n++) {
      jsMatmul(weight, gradOut, gCol, {
        m: K,
        n: L,
        k: groupOut,
        transA: true,
        batch: g.groups,
        strideA: groupOut * K,
        offsetB: n * g.outChannels * L,
        strideB: groupOut * L,
        offsetOut: pointwise ? n * imageSize : 0,
        strideOut: K * L,
      })
      if (!pointwise) jsCol2im(gCol, gradInput, n * imageSize, g)
    }
  }
  if (gradWeight !== null) {
    gradWeight.fill(0)
    const cols = pointwise ? input : new Float32Array(colSize)
    for (let n = 0; n < g.batch; n++) {
      if (!pointwise) jsIm2col(input, n * imageSize, cols, g)
      jsMatmul(gradOut, cols, gradWeight, {
        m: groupOut,
        n: K,
        k: L,
        transB: true,
        batch: g.groups,
        offsetA: n * g.outChannels * L,
        strideA: groupOut * L,
        offsetB: pointwise ? n * imageSize : 0,
        strideB: K * L,
        strideOut: groupOut * K,
        accumulate: true,
      })
    }
  }
  if (gradBias !== null) {
    const sums = new Float64Array(g.outChannels)
    for (let n = 0, o = 0; n < g.batch; n++) {
      for (let c = 0; c < g.outChannels; c++) {
        let s = 0
        for (let l = 0; l < L; l++, o++) s += gradOut[o]!
        sums[c]! += s
      }
    }
    for (let c = 0; c < g.outChannels; c++) gradBias[c] = sums[c]!
  }
}
