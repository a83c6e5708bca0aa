import type { BatchTransform } from '@knack/core'
import { arange, type Batch, Generator, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { compose } from './compose'
import { hflip, randomHorizontalFlip, randomVerticalFlip, vflip } from './flip'
import { gaussianNoise } from './gaussian-noise'
import { mixup } from './mixup'
import type { Augmentation } from './types'

const images = () => arange(2 * 1 * 2 * 3).reshape([2, 1, 2, 3])

describe('compose', () => {
  it('applies transforms left to right', () => {
    const both = compose(randomHorizontalFlip({ p: 1 }), randomVerticalFlip({ p: 1 }))
    expect(both(images(), new Generator(0)).data).toEqual(vflip(hflip(images())).data)
  })

  it('passes one generator through the transforms in turn', () => {
    const a = randomHorizontalFlip()
    const b = gaussianNoise({ std: 1 })
    const x = arange(64 * 4).reshape([64, 1, 2, 2])
    const g = new Generator(8)
    const want = b(a(x, g), g)
    expect(compose(a, b)(x, new Generator(8)).data).toEqual(want.data)
  })

  it('keeps image augmentations usable on batches, and mixes in batch transforms', () => {
    const targets = tensor(Int32Array.of(0, 1))
    const flips: Augmentation = compose(randomHorizontalFlip({ p: 1 }))
    const out = flips({ inputs: images(), targets }, new Generator(0))
    expect(out.inputs.data).toEqual(hflip(images()).data)
    expect(out.targets).toBe(targets)
    const withMixup: BatchTransform = compose(flips, mixup({ numClasses: 2 }))
    const mixed: Batch = withMixup({ inputs: images(), targets }, new Generator(0))
    expect(mixed.targets.shape).toEqual([2, 2])
  })

  it('is the identity without transforms', () => {
    const x = images()
    expect(compose()(x, new Generator(0))).toBe(x)
  })
})
