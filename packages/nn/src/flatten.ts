import { flatten, Module, type Tensor } from '@knack/core'

/**
 * Merges dimensions `startDim..endDim` into one; the defaults (1, −1) keep the batch dimension
 * and flatten the rest, `[N, C, H, W] → [N, C·H·W]`, as `torch.nn.Flatten`. No parameters.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Flatten.html
 */
export class Flatten extends Module<[Tensor], Tensor> {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super()
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim)
  }
}
