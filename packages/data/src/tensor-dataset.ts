import { type Batch, formatShape, indexSelect, ShapeError, Tensor } from '@knack/core'
import type { Dataset } from './dataset'

/**
 * Examples held as two tensors whose first dimension indexes the example, like PyTorch's
 * `TensorDataset(inputs, targets)`.
 */
export class TensorDataset implements Dataset {
  readonly inputs: Tensor
  readonly targets: Tensor

  constructor(inputs: Tensor, targets: Tensor) {
    if (inputs.ndim === 0 || targets.ndim === 0 || inputs.shape[0] !== targets.shape[0]) {
      throw new ShapeError(
        'TensorDataset',
        `inputs ${formatShape(inputs.shape)} and targets ${formatShape(targets.shape)} must have the same first dimension`,
        'pass one target row per input row',
      )
    }
    this.inputs = inputs
    this.targets = targets
  }

  get length(): number {
    return this.inputs.shape[0]!
  }

  getBatch(indices: Int32Array): Batch {
    const index = new Tensor(indices, [indices.length])
    return {
      inputs: indexSelect(this.inputs, 0, index),
      targets: indexSelect(this.targets, 0, index),
    }
  }
}
