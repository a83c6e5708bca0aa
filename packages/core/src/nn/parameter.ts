import { DTypeError } from '../errors'
import { formatShape } from '../shape'
import { Tensor } from '../tensor'

/**
 * A tensor that is a learnable weight of a {@link Module} (PyTorch's `nn.Parameter`): always a
 * leaf of the autograd graph, with `requiresGrad = true` unless told otherwise. Assigning one
 * to a field of a module registers it under the field's name.
 *
 * Shares the storage of the tensor it wraps (no copy), like PyTorch.
 */
export class Parameter extends Tensor {
  constructor(value: Tensor, requiresGrad = true) {
    if (requiresGrad && value.dtype !== 'float32') {
      throw new DTypeError(
        'Parameter',
        `only float32 tensors can require a gradient, got ${value.dtype} of shape ${formatShape(value.shape)}`,
        'convert with .toFloat(), or pass requiresGrad = false for a frozen integer parameter',
      )
    }
    super(value.data, value.shape, requiresGrad)
  }

  override toString(): string {
    return `Parameter(${super.toString()})`
  }
}
