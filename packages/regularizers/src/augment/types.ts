import type { BatchTransform, Generator, Tensor } from '@knack/core'

/** A seeded transform of an image batch `[N, C, H, W]` (float32) into a new image batch. */
export type ImageTransform = (images: Tensor, generator: Generator) => Tensor

/**
 * An image transform that also accepts a whole batch, whose `inputs` it transforms (targets
 * untouched): usable on image tensors, as a `DataLoader` transform and in {@link compose}.
 */
export type Augmentation = ImageTransform & BatchTransform
