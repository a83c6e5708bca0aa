import { Module, type Tensor } from '@knack/core'

/** Returns its input unchanged: a placeholder layer (e.g. a removed head). No parameters. */
export class Identity extends Module<[Tensor], Tensor> {
  forward(x: Tensor): Tensor {
    return x
  }
}
