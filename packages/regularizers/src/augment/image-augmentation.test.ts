import { arange, Generator, type Tensor, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { imageAugmentation } from './image-augmentation'

describe('imageAugmentation', () => {
  const double = imageAugmentation((x: Tensor) => x.mul(2))

  it('applies the transform to a bare image tensor', () => {
    expect(double(arange(3).reshape([1, 1, 1, 3]), new Generator(0)).data).toEqual(
      Float32Array.of(0, 2, 4),
    )
  })

  it('replaces only the inputs of a batch and keeps its other fields', () => {
    const targets = tensor(Int32Array.of(1))
    const batch = { inputs: arange(2).reshape([1, 1, 1, 2]), targets, weights: 3 }
    const out = double(batch, new Generator(0))
    expect(out.inputs.data).toEqual(Float32Array.of(0, 2))
    expect(out.targets).toBe(targets)
    expect((out as typeof batch).weights).toBe(3)
    expect(batch.inputs.data).toEqual(Float32Array.of(0, 1))
  })

  it('hands the generator to the transform', () => {
    const seen: Generator[] = []
    const spy = imageAugmentation((x, g) => {
      seen.push(g)
      return x
    })
    const g = new Generator(1)
    spy(arange(1).reshape([1, 1, 1, 1]), g)
    expect(seen).toEqual([g])
  })
})
