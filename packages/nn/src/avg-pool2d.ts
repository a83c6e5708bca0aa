import { avgPool2d, Module, type Size2d, type Tensor } from '@knack/core'

/** Options of {@link AvgPool2d}, as in `torch.nn.AvgPool2d`. */
export interface AvgPool2dOptions {
  /** Step of the window (default: the kernel size). */
  stride?: Size2d
  /** Implicit zero padding on both sides, at most half the kernel size (default 0). */
  padding?: Size2d
  /** Divide by the full window, padding included (default true), else by the taps inside. */
  countIncludePad?: boolean
}

/**
 * 2-D average pooling over the last two dimensions of `[N, C, H, W]` (or `[C, H, W]`): the mean
 * of each `kernelSize` window. No parameters.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.AvgPool2d.html
 */
export class AvgPool2d extends Module<[Tensor], Tensor> {
  readonly kernelSize: Size2d
  readonly stride: Size2d
  readonly padding: Size2d
  readonly countIncludePad: boolean

  constructor(kernelSize: Size2d, options: AvgPool2dOptions = {}) {
    super()
    this.kernelSize = kernelSize
    this.stride = options.stride ?? kernelSize
    this.padding = options.padding ?? 0
    this.countIncludePad = options.countIncludePad ?? true
  }

  forward(x: Tensor): Tensor {
    return avgPool2d(x, {
      kernelSize: this.kernelSize,
      stride: this.stride,
      padding: this.padding,
      countIncludePad: this.countIncludePad,
    })
  }
}
