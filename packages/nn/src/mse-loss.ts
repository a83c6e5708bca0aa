import { Module, type MseLossOptions, mseLoss, type Tensor } from '@knack/core'

/**
 * Mean squared error `(input − target)²` as a module: `forward(input, target)`; the function is
 * core's `mseLoss`.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.MSELoss.html
 */
export class MSELoss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: MseLossOptions = {}) {
    super()
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this.options)
  }
}
