import type { Window2d } from '../backend'

/**
 * For each of `outSize` windows along an axis of `size`, the range `[start, end)` of its tap
 * indices that fall inside the input, as `[start0, end0, start1, end1, …]`.
 */
function tapRanges(
  outSize: number,
  stride: number,
  pad: number,
  kernel: number,
  dilation: number,
  size: number,
): Int32Array {
  const ranges = new Int32Array(2 * outSize)
  for (let o = 0; o < outSize; o++) {
    const origin = o * stride - pad
    const start = origin >= 0 ? 0 : Math.ceil(-origin / dilation)
    ranges[2 * o] = start
    ranges[2 * o + 1] = Math.max(start, Math.min(kernel, Math.ceil((size - origin) / dilation)))
  }
  return ranges
}

function windowRanges(w: Window2d): [Int32Array, Int32Array] {
  return [
    tapRanges(w.outH, w.strideH, w.padH, w.kernelH, w.dilationH, w.height),
    tapRanges(w.outW, w.strideW, w.padW, w.kernelW, w.dilationW, w.width),
  ]
}

/**
 * Reference average pooling over each plane:
 * `out[oh, ow] = Σ window taps inside the input / divisor`, where the divisor is
 * `kernelH·kernelW` when `countIncludePad`, else the number of taps inside the input.
 */
export function jsAvgPool2d(
  input: Float32Array,
  out: Float32Array,
  w: Window2d,
  countIncludePad: boolean,
): void {
  const { height, width, outH, outW, dilationH, dilationW } = w
  const [rows, cols] = windowRanges(w)
  let o = 0
  for (let c = 0; c < w.channels; c++) {
    const plane = c * height * width
    for (let oh = 0; oh < outH; oh++) {
      const y0 = oh * w.strideH - w.padH
      const i0 = rows[2 * oh]!
      const i1 = rows[2 * oh + 1]!
      for (let ow = 0; ow < outW; ow++) {
        const x0 = ow * w.strideW - w.padW
        const j0 = cols[2 * ow]!
        const j1 = cols[2 * ow + 1]!
        let s = 0
        for (let i = i0; i < i1; i++) {
          const row = plane + (y0 + i * dilationH) * width + x0
          for (let j = j0; j < j1; j++) s += input[row + j * dilationW]!
        }
        const divisor = countIncludePad ? w.kernelH * w.kernelW : (i1 - i0) * (j1 - j0)
        out[o++] = divisor > 0 ? s / divisor : 0
      }
    }
  }
}

/**
 * Reference average-pool backward: `gradInput = 0`, then `gradOut[o] / divisor` added onto
 * every window tap inside the input, with the divisor of {@link jsAvgPool2d}.
 */
export function jsAvgPool2dBackward(
  gradOut: Float32Array,
  gradInput: Float32Array,
  w: Window2d,
  countIncludePad: boolean,
): void {
  const { height, width, outH, outW, dilationH, dilationW } = w
  const [rows, cols] = windowRanges(w)
  gradInput.fill(0)
  let o = 0
  for (let c = 0; c < w.channels; c++) {
    const plane = c * height * width
    for (let oh = 0; oh < outH; oh++) {
      const y0 = oh * w.strideH - w.padH
      const i0 = rows[2 * oh]!
      const i1 = rows[2 * oh + 1]!
      for (let ow = 0; ow < outW; ow++) {
        const x0 = ow * w.strideW - w.padW
        const j0 = cols[2 * ow]!
        const j1 = cols[2 * ow + 1]!
        const divisor = countIncludePad ? w.kernelH * w.kernelW : (i1 - i0) * (j1 - j0)
        if (divisor > 0) {
          const g = gradOut[o]! / divisor
          for (let i = i0; i < i1; i++) {
            const row = plane + (y0 + i * dilationH) * width + x0
            for (let j = j0; j < j1; j++) gradInput[row + j * dilationW]! += g
          }
        }
        o++
      }
    }
  }
}

/**
 * Reference max pooling over each plane: `out[oh, ow] = max` of the window taps
 * `(oh·strideH − padH + i·dilationH, ow·strideW − padW + j·dilationW)` inside the input
 * (padding is −∞). `indices` gets the in-plane position `h·width + w` of the first maximum,
 * or −1 for a window entirely in the padding; a NaN tap wins, as in PyTorch.
 */
export function jsMaxPool2d(
  input: Float32Array,
  out: Float32Array,
  indices: Int32Array,
  w: Window2d,
): void {
  const { height, width, outH, outW } = w
  let o = 0
  for (let c = 0; c < w.channels; c++) {
    const plane = c * height * width
    for (let oh = 0; oh < outH; oh++) {
      const y0 = oh * w.strideH - w.padH
      for (let ow = 0; ow < outW; ow++) {
        const x0 = ow * w.strideW - w.padW
        let best = Number.NEGATIVE_INFINITY
        let at = -1
        for (let i = 0; i < w.kernelH; i++) {
          const y = y0 + i * w.dilationH
          if (y < 0 || y >= height) continue
          for (let j = 0; j < w.kernelW; j++) {
            const x = x0 + j * w.dilationW
            if (x < 0 || x >= width) continue
            const v = input[plane + y * width + x]!
            if (v > best || Number.isNaN(v) || at < 0) {
              best = v
              at = y * width + x
            }
          }
        }
        out[o] = best
        indices[o] = at
        o++
      }
    }
  }
}

/**
 * Reference max-pool backward: `gradInput = 0`, then `gradInput[plane, indices[o]] += gradOut[o]`
 * (`−1` skipped).
 */
export function jsMaxPool2dBackward(
  gradOut: Float32Array,
  indices: Int32Array,
  gradInput: Float32Array,
  w: Window2d,
): void {
  const perPlane = w.outH * w.outW
  const planeSize = w.height * w.width
  gradInput.fill(0)
  let o = 0
  for (let c = 0; c < w.channels; c++) {
    const plane = c * planeSize
    for (let q = 0; q < perPlane; q++) {
      const at = indices[o]!
      if (at >= 0) gradInput[plane + at]! += gradOut[o]!
      o++
    }
  }
}
