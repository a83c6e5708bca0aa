import { Module, maxPool2d, type Size2d, type Tensor } from '@knack/core'

/** Options of {@link MaxPool2d}, as in `torch.nn.MaxPool2d`. */
export interface MaxPool2dOptions {
  /** Step of the window (default: the kernel size). */
  stride?: Size2d
  /** Implicit −∞ padding on both sides, at most half the kernel size (default 0). */
  padding?: Size2d
  /** Spacing between window taps (default 1). */
  dilation?: Size2d
}

/**
 * 2-D max pooling over the last two dimensions of `[N, C, H, W]` (or `[C, H, W]`): the maximum
 * of each `kernelSize` window. No parameters.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.MaxPool2d.html
 */
export class MaxPool2d extends Module<[Tensor], Tensor> {
  readonly kernelSize: Size2d
  readonly stride: Size2d
  readonly padding: Size2d
  readonly dilation: Size2d

  constructor(kernelSize: Size2d, options: MaxPool2dOptions = {}) {
    super()
    this.kernelSize = kernelSize
    this.stride = options.stride ?? kernelSize
    this.padding = options.padding ?? 0
    this.dilation = options.dilation ?? 1
  }

  forward(x: Tensor): Tensor {
    return maxPool2d(x, {
      kernelSize: this.kernelSize,
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
    })
  }
}
