import { ArgumentError, type Optimizer, Parameter, Tensor, type TrainContext } from '@knack/core'
import { createOptimizer, sgd } from '@knack/optim'
import { describe, expect, it } from 'vitest'
import { exponential } from './exponential'
import { reduceLROnPlateauPlugin } from './reduce-lr-on-plateau-plugin'
import { torchFixtures } from './torch-fixtures'

/** The parts of a TrainContext the plugin touches, for one epoch's end. */
function fakeContext(optimizer: Pick<Optimizer, 'hyper'>, logs: Record<string, number>, epoch = 0) {
  return { optimizer, logs, epoch } as unknown as TrainContext
}

describe('reduceLROnPlateauPlugin', () => {
  it("drives the optimizer's lr like torch ReduceLROnPlateau", () => {
    const { params, metrics, lrs } = torchFixtures.reduceLROnPlateau[1]!
    const { initial, ...options } = params
    const plugin = reduceLROnPlateauPlugin({ ...(options as object), monitor: 'val_loss' })
    expect(plugin.phase).toBe('lr')
    const optimizer = { hyper: { lr: initial, momentum: 0.9 } }
    metrics.forEach((m, epoch) => {
      plugin.epochEnd!(fakeContext(optimizer, { loss: 1, val_loss: m }, epoch))
      expect(Math.abs(optimizer.hyper.lr - lrs[epoch]!)).toBeLessThanOrEqual(1e-12)
    })
    expect(optimizer.hyper.momentum).toBe(0.9)
  })

  it('reduces from the rate the optimizer holds, also when something else changed it', () => {
    const plugin = reduceLROnPlateauPlugin({
      monitor: 'acc',
      mode: 'max',
      patience: 0,
      factor: 0.5,
    })
    const optimizer = { hyper: { lr: 0.2 } }
    plugin.epochEnd!(fakeContext(optimizer, { acc: 0.9 }))
    optimizer.hyper.lr = 0.06
    plugin.epochEnd!(fakeContext(optimizer, { acc: 0.8 }))
    expect(optimizer.hyper.lr).toBeCloseTo(0.03, 15)
  })

  it("writes a @knack/optim optimizer's lr, also one driven by a schedule", () => {
    const w = new Parameter(new Tensor(Float32Array.of(1, 2), [2]))
    const optimizer = createOptimizer({ w }, sgd({ lr: exponential({ initial: 0.1, gamma: 0.5 }) }))
    const plugin = reduceLROnPlateauPlugin({ patience: 0, factor: 0.1 })
    plugin.epochEnd!(fakeContext(optimizer, { val_loss: 1 }))
    expect(optimizer.hyper.lr).toBe(0.1)
    plugin.epochEnd!(fakeContext(optimizer, { val_loss: 1 }))
    expect(optimizer.hyper.lr).toBeCloseTo(0.01, 15)
  })

  it('saves and restores its state under its stateKey', () => {
    const plugin = reduceLROnPlateauPlugin({ stateKey: 'plateau/val' })
    expect(plugin.stateKey).toBe('plateau/val')
    plugin.epochEnd!(fakeContext({ hyper: { lr: 0.1 } }, { val_loss: 0.7 }))
    const state = plugin.stateDict!()
    expect(state).toMatchObject({ best: 0.7, lastEpoch: 1 })
    const other = reduceLROnPlateauPlugin()
    other.loadStateDict!(state)
    expect(other.plateau.best).toBe(0.7)
  })

  it('names the missing metric and the logged ones', () => {
    const plugin = reduceLROnPlateauPlugin()
    expect(() => plugin.epochEnd!(fakeContext({ hyper: { lr: 0.1 } }, { loss: 1 }, 3))).toThrow(
      ArgumentError,
    )
    expect(() => plugin.epochEnd!(fakeContext({ hyper: { lr: 0.1 } }, { loss: 1 }, 3))).toThrow(
      /no 'val_loss' at the end of epoch 3 \(it has: loss\)/,
    )
  })
})
