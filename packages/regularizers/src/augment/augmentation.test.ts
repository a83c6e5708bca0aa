import { arange, type Batch, Generator, type TrainContext, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { augmentation } from './augmentation'
import { compose } from './compose'
import { randomHorizontalFlip } from './flip'
import { gaussianNoise } from './gaussian-noise'
import { mixup } from './mixup'

function fakeContext(batch: Batch | null, generator: Generator) {
  return { batch, generator } as unknown as TrainContext
}

describe('augmentation', () => {
  const transform = compose(
    randomHorizontalFlip(),
    gaussianNoise({ std: 0.1 }),
    mixup({ numClasses: 2 }),
  )

  it('replaces ctx.batch at batchStart, drawing from ctx.generator', () => {
    const batch = {
      inputs: arange(16).reshape([4, 1, 2, 2]),
      targets: tensor(Int32Array.of(0, 1, 1, 0)),
    }
    const ctx = fakeContext(batch, new Generator(5))
    const plugin = augmentation(transform, { name: 'mixup+flip' })
    plugin.batchStart!(ctx)
    const want = transform(batch, new Generator(5))
    expect(ctx.batch).not.toBe(batch)
    expect(ctx.batch!.inputs.data).toEqual(want.inputs.data)
    expect(ctx.batch!.targets.data).toEqual(want.targets.data)
    // The generator advanced: the next batch draws new numbers.
    expect(ctx.generator.getState()).not.toEqual(new Generator(5).getState())
  })

  it('runs in the setup phase under its name and state key', () => {
    const plugin = augmentation(transform, { name: 'aug', priority: -1 })
    expect(plugin).toMatchObject({ name: 'aug', stateKey: 'aug', phase: 'setup', priority: -1 })
    expect(augmentation(transform)).toMatchObject({
      name: 'augmentation',
      stateKey: 'augmentation',
    })
    expect(augmentation(transform, { name: 'a', stateKey: 'b' }).stateKey).toBe('b')
  })

  it('leaves a missing batch alone', () => {
    const ctx = fakeContext(null, new Generator(0))
    augmentation(transform).batchStart!(ctx)
    expect(ctx.batch).toBeNull()
  })
})
