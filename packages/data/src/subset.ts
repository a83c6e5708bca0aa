import { ArgumentError, type Batch } from '@knack/core'
import type { Dataset } from './dataset'

/** The examples of `dataset` at `indices`, in that order (PyTorch's `Subset`). */
export class Subset implements Dataset {
  readonly dataset: Dataset
  readonly indices: Int32Array

  constructor(dataset: Dataset, indices: Int32Array) {
    for (const i of indices) {
      if (i < 0 || i >= dataset.length) {
        throw new ArgumentError(
          'Subset',
          `index ${i} is outside the dataset of ${dataset.length} examples`,
          `use indices in [0, ${dataset.length - 1}]`,
        )
      }
    }
    this.dataset = dataset
    this.indices = indices
  }

  get length(): number {
    return this.indices.length
  }

  getBatch(indices: Int32Array): Batch {
    return this.dataset.getBatch(indices.map((i) => this.indices[i]!))
  }
}
