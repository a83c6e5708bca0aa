import { type CrossEntropyOptions, crossEntropy, Module, type Tensor } from '@knack/core'

/**
 * Cross-entropy between the softmax of the logits and the target, as a module:
 * `forward(logits, target)` with int32 class indices or float32 class probabilities (soft
 * targets), optional class weights, `ignoreIndex` and label smoothing. A thin face over core's
 * `crossEntropy` (see there for the formula); class weights are kept as the buffer `weight`,
 * as in PyTorch.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html
 */
export class CrossEntropyLoss extends Module<[Tensor, Tensor], Tensor> {
  declare weight: Tensor | null
  readonly #options: Omit<CrossEntropyOptions, 'weight'>

  constructor(options: CrossEntropyOptions = {}) {
    super()
    const { weight, ...rest } = options
    this.#options = rest
    this.registerBuffer('weight', weight ?? null)
  }

  forward(logits: Tensor, target: Tensor): Tensor {
    return crossEntropy(logits, target, {
      ...this.#options,
      ...(this.weight === null ? {} : { weight: this.weight }),
    })
  }
}
