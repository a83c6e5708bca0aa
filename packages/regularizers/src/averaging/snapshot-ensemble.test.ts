import { ArgumentError, Generator, randn, StateError, Tensor } from '@knack/core'
import { Linear } from '@knack/nn'
import { createOptimizer, sgd } from '@knack/optim'
import { Trainer } from '@knack/trainer'
import { describe, expect, it } from 'vitest'
import { fakeContext } from '../../test/fake-context'
import { Ensemble } from './ensemble'
import { snapshotEnsemble } from './snapshot-ensemble'

/** Runs `epochs` epochs of epochEnd, with the model's weight filled with the epoch number. */
function drive(
  plugin: ReturnType<typeof snapshotEnsemble>,
  epochs: number,
  model = new Linear(2, 2),
) {
  const ctx = fakeContext(model)
  plugin.fitStart!(ctx)
  for (let e = 0; e < epochs; e++) {
    ctx.epoch = e
    model.weight.data.fill(e)
    plugin.epochEnd!(ctx)
  }
  return model
}

describe('snapshotEnsemble', () => {
  it('keeps the weights at the end of each cycle', () => {
    const plugin = snapshotEnsemble({ cycleLength: 2 })
    drive(plugin, 7)
    expect(plugin.epochs).toEqual([1, 3, 5])
    expect(plugin.snapshots().map((s) => s.weight!.data[0])).toEqual([1, 3, 5])
    expect(plugin.phase).toBe('checkpoint')
  })

  it('keeps only the last maxSnapshots', () => {
    const plugin = snapshotEnsemble({ cycleLength: 1, maxSnapshots: 2 })
    drive(plugin, 5)
    expect(plugin.epochs).toEqual([3, 4])
  })

  it('builds an Ensemble in eval mode with one member per snapshot', () => {
    const plugin = snapshotEnsemble({ cycleLength: 3 })
    expect(() => plugin.toEnsemble(() => new Linear(2, 2))).toThrow(StateError)
    expect(() => plugin.toEnsemble(() => new Linear(2, 2))).toThrow(
      /^snapshotEnsemble.toEnsemble: no snapshot has been taken yet/,
    )
    drive(plugin, 6)
    const ensemble = plugin.toEnsemble(() => new Linear(2, 2))
    expect(ensemble).toBeInstanceOf(Ensemble)
    expect(ensemble.size).toBe(2)
    expect(ensemble.training).toBe(false)
    expect(Array.from((ensemble.member(0) as Linear).weight.data)).toEqual([2, 2, 2, 2])
    expect(Array.from((ensemble.member(1) as Linear).weight.data)).toEqual([5, 5, 5, 5])
  })

  it('saves and restores its snapshots, and starts afresh at a new fit otherwise', () => {
    const plugin = snapshotEnsemble({ cycleLength: 2 })
    drive(plugin, 4)
    const state = plugin.stateDict!()
    expect(state.epochs).toEqual([1, 3])
    const resumed = snapshotEnsemble({ cycleLength: 2 })
    resumed.loadStateDict!(state)
    const ctx = fakeContext(new Linear(2, 2))
    resumed.fitStart!(ctx)
    expect(resumed.epochs).toEqual([1, 3])
    resumed.fitStart!(ctx)
    expect(resumed.epochs).toEqual([])
    expect(() => resumed.loadStateDict!({ snapshots: [], epochs: [1] })).toThrow(StateError)
  })

  it('refuses bad options', () => {
    expect(() => snapshotEnsemble({ cycleLength: 0 })).toThrow(ArgumentError)
    expect(() => snapshotEnsemble({ cycleLength: 2, maxSnapshots: 0 })).toThrow(
      /^snapshotEnsemble: maxSnapshots must be a positive integer, got 0/,
    )
  })

  it('collects snapshots during a Trainer run', async () => {
    const g = new Generator(1)
    const inputs = randn([10, 2], { generator: g })
    const targets = new Tensor(
      Int32Array.from({ length: 10 }, (_, i) => i % 2),
      [10],
    )
    const model = new Linear(2, 2, { generator: g })
    const plugin = snapshotEnsemble({ cycleLength: 2 })
    const weightsAt: number[][] = []
    const trainer = new Trainer({
      model,
      optimizer: createOptimizer(model, sgd({ lr: 0.2 })),
      plugins: [
        plugin,
        {
          name: 'recorder',
          stateKey: 'recorder',
          epochEnd: () => void weightsAt.push(Array.from(model.weight.data)),
        },
      ],
    })
    await trainer.fit([{ inputs, targets }], { epochs: 4 })
    expect(plugin.epochs).toEqual([1, 3])
    const ensemble = plugin.toEnsemble(() => new Linear(2, 2))
    expect(Array.from((ensemble.member(0) as Linear).weight.data)).toEqual(weightsAt[1])
    expect(Array.from((ensemble.member(1) as Linear).weight.data)).toEqual(weightsAt[3])
  })
})
