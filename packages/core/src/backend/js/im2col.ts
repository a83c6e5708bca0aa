import type { Window2d } from '../backend'

/**
 * Reference im2col: unfolds one `channels × height × width` image into the
 * `(channels·kernelH·kernelW) × (outH·outW)` matrix that turns a convolution into a matrix
 * product; row `(c, i, j)`, column `(oh, ow)` holds
 * `image[c, oh·strideH − padH + i·dilationH, ow·strideW − padW + j·dilationW]` (0 outside).
 * @see https://hal.inria.fr/inria-00112631 (Chellapilla et al., High performance
 * convolutional neural networks for document processing)
 */
export function jsIm2col(
  image: Float32Array,
  imageOffset: number,
  col: Float32Array,
  w: Window2d,
): void {
  const { height, width, outH, outW, strideW } = w
  let row = 0
  for (let c = 0; c < w.channels; c++) {
    const plane = imageOffset + c * height * width
    for (let i = 0; i < w.kernelH; i++) {
      for (let j = 0; j < w.kernelW; j++) {
        const dx = j * w.dilationW - w.padW
        // Output columns whose tap lands inside the row: 0 ≤ ow·strideW + dx < width.
        const owStart = Math.min(outW, Math.max(0, Math.ceil(-dx / strideW)))
        const owEnd = Math.max(owStart, Math.min(outW, Math.ceil((width - dx) / strideW)))
        let o = row * outH * outW
        for (let oh = 0; oh < outH; oh++) {
          const y = oh * w.strideH - w.padH + i * w.dilationH
          if (y < 0 || y >= height) {
            col.fill(0, o, o + outW)
          } else {
            const src = plane + y * width + dx
            for (let ow = 0; ow < owStart; ow++) col[o + ow] = 0
            for (let ow = owStart; ow < owEnd; ow++) col[o + ow] = image[src + ow * strideW]!
            for (let ow = owEnd; ow < outW; ow++) col[o + ow] = 0
          }
          o += outW
        }
        row++
      }
    }
  }
}

/**
 * Reference col2im, the adjoint of {@link jsIm2col}: adds every entry of `col` onto the image
 * pixel it was read from (`+=`, so overlapping windows sum); padding entries are dropped.
 */
export function jsCol2im(
  col: Float32Array,
  image: Float32Array,
  imageOffset: number,
  w: Window2d,
): void {
  const { height, width, outH, outW, strideW } = w
  let row = 0
  for (let c = 0; c < w.channels; c++) {
    const plane = imageOffset + c * height * width
    for (let i = 0; i < w.kernelH; i++) {
      for (let j = 0; j < w.kernelW; j++) {
        const dx = j * w.dilationW - w.padW
        const owStart = Math.min(outW, Math.max(0, Math.ceil(-dx / strideW)))
        const owEnd = Math.max(owStart, Math.min(outW, Math.ceil((width - dx) / strideW)))
        let o = row * outH * outW
        for (let oh = 0; oh < outH; oh++) {
          const y = oh * w.strideH - w.padH + i * w.dilationH
          if (y >= 0 && y < height) {
            const dst = plane + y * width + dx
            for (let ow = owStart; ow < owEnd; ow++) image[dst + ow * strideW]! += col[o + ow]!
          }
          o += outW
        }
        row++
      }
    }
  }
}
