import type { Batch, Generator, Tensor } from '@knack/core'
import type { Augmentation, ImageTransform } from './types'

/** Whether `x` is a `{ inputs, targets }` batch rather than an image tensor. */
function isBatch(x: Tensor | Batch): x is Batch {
  return 'inputs' in x && 'targets' in x
}

/**
 * Lifts an image transform into an {@link Augmentation}: given a tensor it returns
 * `transform(images, generator)`; given a batch it returns the batch with `inputs` replaced by
 * `transform(batch.inputs, generator)` and the other fields as they were.
 */
export function imageAugmentation(transform: ImageTransform): Augmentation {
  const lifted = (x: Tensor | Batch, generator: Generator): Tensor | Batch =>
    isBatch(x) ? { ...x, inputs: transform(x.inputs, generator) } : transform(x, generator)
  return lifted as Augmentation
}
