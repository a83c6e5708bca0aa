import { Module, type Reduction, type Tensor } from '@knack/core'
import { differenceLoss } from './difference-loss'

/** Options of {@link l1Loss}. */
export interface L1LossOptions {
  /** Default `'mean'` (over all elements). */
  reduction?: Reduction
}

/**
 * Mean absolute error `|input − target|`, averaged, summed or kept per element.
 * `∂/∂input = sign(input − target)` (0 where they are equal), the negative for the target.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.L1Loss.html
 */
export function l1Loss(input: Tensor, target: Tensor, options: L1LossOptions = {}): Tensor {
  return differenceLoss(
    'l1Loss',
    input,
    target,
    options.reduction ?? 'mean',
    (d, out) => {
      for (let i = 0; i < d.length; i++) out[i] = Math.abs(d[i]!)
    },
    (d, g, dx) => {
      for (let i = 0; i < d.length; i++) {
        const v = d[i]!
        dx[i] = v > 0 ? g[i]! : v < 0 ? -g[i]! : 0
      }
    },
  )
}

/** {@link l1Loss} as a module: `forward(input, target)`. @see https://pytorch.org/docs/stable/generated/torch.nn.L1Loss.html */
export class L1Loss extends Module<[Tensor, Tensor], Tensor> {
  constructor(readonly options: L1LossOptions = {}) {
    super()
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, this.options)
  }
}
