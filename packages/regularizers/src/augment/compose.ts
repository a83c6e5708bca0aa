import type { Batch, BatchTransform, Generator, Tensor } from '@knack/core'
import type { Augmentation } from './types'

/** What every transform is at run time: an image tensor or a batch in, the same kind out. */
type AnyTransform = (x: Tensor | Batch, generator: Generator) => Tensor | Batch

/**
 * Chains transforms left to right, all drawing from the same generator in turn:
 * `compose(f, g)(x, gen) = g(f(x, gen), gen)`. Composing only {@link Augmentation}s gives an
 * augmentation (it still accepts bare image tensors); with any batch-only transform (mixup,
 * CutMix) the result is a {@link BatchTransform}. With no transform it is the identity.
 */
export function compose(...transforms: Augmentation[]): Augmentation
export function compose(...transforms: BatchTransform[]): BatchTransform
export function compose(...transforms: BatchTransform[]): BatchTransform {
  const list = [...transforms] as unknown as AnyTransform[]
  const composed = (x: Tensor | Batch, generator: Generator): Tensor | Batch => {
    let y = x
    for (const t of list) y = t(y, generator)
    return y
  }
  return composed as Augmentation
}
