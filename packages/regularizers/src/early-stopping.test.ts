import { ArgumentError, Generator, Module, Parameter, randn, Tensor, zeros } from '@knack/core'
import { Linear } from '@knack/nn'
import { createOptimizer, sgd } from '@knack/optim'
import { Trainer } from '@knack/trainer'
import { describe, expect, it } from 'vitest'
import { fakeContext } from '../test/fake-context'
import { type EarlyStopping, earlyStopping } from './early-stopping'

/** One weight, set to the epoch number at each epoch, so restored weights name their epoch. */
class Marker extends Module<[Tensor], Tensor> {
  w = new Parameter(zeros([1]))
  forward(x: Tensor): Tensor {
    return x.mul(this.w)
  }
}

/**
 * Runs the plugin's fit events over `values` of the monitor (one per epoch, from `first`),
 * writing the epoch into the model first; returns the epochs run and the final weight.
 */
function drive(
  plugin: EarlyStopping,
  values: number[],
  options: { monitor?: string; first?: number; model?: Marker } = {},
) {
  const { monitor = 'val_loss', first = 0, model = new Marker() } = options
  const ctx = fakeContext(model)
  plugin.fitStart!(ctx)
  let epochs = 0
  for (let e = first; e < values.length && !ctx.control.stopRequested; e++) {
    ctx.epoch = e
    model.w.data[0] = e
    ctx.logs = { [monitor]: values[e]! }
    plugin.epochEnd!(ctx)
    epochs++
  }
  plugin.fitEnd!(ctx)
  return { epochs, weight: model.w.data[0], reasons: ctx.control.reasons.stopTraining }
}

describe('earlyStopping', () => {
  it('stops when the patience runs out (min mode)', () => {
    // e0 best 1 | e1 best 0.8 | e2 wait 1 | e3 wait 2 ≥ 2: stop.
    const plugin = earlyStopping({ patience: 2 })
    const run = drive(plugin, [1.0, 0.8, 0.85, 0.9, 0.7, 0.6])
    expect(run.epochs).toBe(4)
    expect(plugin.stoppedEpoch).toBe(3)
    expect(plugin.best).toBe(0.8)
    expect(plugin.bestEpoch).toBe(1)
    expect(run.reasons).toEqual([
      'earlyStopping: val_loss did not improve for 2 epoch(s) (best 0.8 at epoch 1)',
    ])
    expect(plugin.phase).toBe('stopping')
  })

  it('needs an improvement of more than minDelta', () => {
    // With minDelta 0.1: 0.95 + 0.1 and 0.9 + 0.1 do not beat 1.0, stop at epoch 2.
    const values = [1.0, 0.95, 0.9, 0.85, 0.8]
    expect(drive(earlyStopping({ patience: 2, minDelta: 0.1 }), values).epochs).toBe(3)
    expect(drive(earlyStopping({ patience: 2, minDelta: -0.1 }), values).epochs).toBe(3)
    expect(drive(earlyStopping({ patience: 2 }), values).epochs).toBe(5)
  })

  it("watches a rising value in 'max' mode, and never guesses the mode from the name", () => {
    // e0 best 0.5 | e1 best 0.6 | e2 0.6 is no improvement, wait 1 ≥ 1: stop.
    const plugin = earlyStopping({ monitor: 'val_accuracy', mode: 'max', patience: 1 })
    expect(drive(plugin, [0.5, 0.6, 0.6, 0.7], { monitor: 'val_accuracy' }).epochs).toBe(3)
    // The default mode is 'min' whatever the name: a rising accuracy stops at epoch 1.
    const guessless = earlyStopping({ monitor: 'val_accuracy', patience: 1 })
    expect(drive(guessless, [0.5, 0.6, 0.7, 0.8], { monitor: 'val_accuracy' }).epochs).toBe(2)
  })

  it('never stops at epoch 0, even with patience 0', () => {
    const plugin = earlyStopping({ patience: 0 })
    expect(drive(plugin, [1, 2, 3]).epochs).toBe(2)
    expect(plugin.stoppedEpoch).toBe(1)
  })

  it('does not reset the wait until the baseline is beaten', () => {
    // baseline 0.5: e0 wait 1 (best 0.9) | e1 wait 2 (best 0.8) | e2 wait 3 ≥ 2: stop.
    expect(
      drive(earlyStopping({ patience: 2, baseline: 0.5 }), [0.9, 0.8, 0.85, 0.86, 0.87]).epochs,
    ).toBe(3)
    // Without a baseline the improvements reset the wait: stop at epoch 3.
    expect(drive(earlyStopping({ patience: 2 }), [0.9, 0.8, 0.85, 0.86, 0.87]).epochs).toBe(4)
    // Beating the baseline at e1 resets it: e2 wait 1 | e3 wait 2: stop at epoch 3.
    expect(
      drive(earlyStopping({ patience: 2, baseline: 0.5 }), [0.9, 0.4, 0.45, 0.46, 0.47]).epochs,
    ).toBe(4)
  })

  it('ignores the epochs before startFromEpoch', () => {
    // e0, e1 ignored | e2 best 10 | e3 wait 1 ≥ 1: stop.
    const plugin = earlyStopping({ patience: 1, startFromEpoch: 2 })
    expect(drive(plugin, [5, 4, 10, 11, 12]).epochs).toBe(4)
    expect(plugin.best).toBe(10)
  })

  it('restores the best weights at fitEnd, whether it stopped training or not', () => {
    const stopped = drive(earlyStopping({ patience: 2, restoreBestWeights: true }), [3, 1, 2, 4, 5])
    expect(stopped.epochs).toBe(4)
    expect(stopped.weight).toBe(1)
    const ranOut = drive(earlyStopping({ patience: 10, restoreBestWeights: true }), [3, 2, 0.5, 4])
    expect(ranOut.epochs).toBe(4)
    expect(ranOut.weight).toBe(2)
    // Without restoreBestWeights the last weights stay.
    expect(drive(earlyStopping({ patience: 10 }), [3, 2, 0.5, 4]).weight).toBe(3)
  })

  it('keeps the first monitored weights when no epoch ever improves (NaN)', () => {
    const plugin = earlyStopping({ patience: 1, restoreBestWeights: true, startFromEpoch: 1 })
    // e0 ignored | e1 NaN: its weights are kept as the best, wait 1 ≥ 1: stop.
    const run = drive(plugin, [1, Number.NaN, Number.NaN, 0.5])
    expect(run.epochs).toBe(2)
    expect(plugin.stoppedEpoch).toBe(1)
    expect(run.weight).toBe(1)
    expect(plugin.bestEpoch).toBe(1)
    expect(plugin.best).toBe(Number.POSITIVE_INFINITY)
  })

  it('takes the best weights from the plugin that provides the evaluated weights', () => {
    const model = new Marker()
    let epoch = 0
    const provider = { evalWeights: () => ({ w: new Tensor(Float32Array.of(100 + epoch), [1]) }) }
    const plugin = earlyStopping({ patience: 1, restoreBestWeights: true, weightsFrom: provider })
    const ctx = fakeContext(model)
    plugin.fitStart!(ctx)
    for (const [e, v] of [0.5, 0.3, 0.4].entries()) {
      epoch = e
      ctx.epoch = e
      model.w.data[0] = e
      ctx.logs = { val_loss: v }
      plugin.epochEnd!(ctx)
    }
    plugin.fitEnd!(ctx)
    expect(model.w.data[0]).toBe(101)
  })

  it('throws, naming the logged values, when the monitor is missing', () => {
    const plugin = earlyStopping()
    const ctx = fakeContext(new Marker())
    plugin.fitStart!(ctx)
    ctx.logs = { loss: 1, accuracy: 0.5 }
    expect(() => plugin.epochEnd!(ctx)).toThrow(ArgumentError)
    expect(() => plugin.epochEnd!(ctx)).toThrow(
      "earlyStopping: the monitored value 'val_loss' is not in the logs of epoch 0 (logged: loss, accuracy)",
    )
  })

  it('refuses bad options', () => {
    // @ts-expect-error: 'auto' is not a mode; nothing is guessed.
    expect(() => earlyStopping({ mode: 'auto' })).toThrow(
      /^earlyStopping: mode must be 'min' or 'max'/,
    )
    expect(() => earlyStopping({ patience: -1 })).toThrow(ArgumentError)
    expect(() => earlyStopping({ startFromEpoch: 1.5 })).toThrow(ArgumentError)
    expect(() => earlyStopping({ minDelta: Number.NaN })).toThrow(ArgumentError)
  })

  it('resumes from its state (best weights included) as if never interrupted', () => {
    const values = [1.0, 0.8, 0.9, 0.95, 0.97, 0.99]
    const whole = earlyStopping({ patience: 3, restoreBestWeights: true })
    const reference = drive(whole, values)

    const first = earlyStopping({ patience: 3, restoreBestWeights: true })
    drive(first, values.slice(0, 3))
    const state = first.stateDict!()
    expect(state.wait).toBe(1)
    expect(state.best).toBe(0.8)
    expect(state.bestEpoch).toBe(1)
    expect(state.bestWeights!.w!.data[0]).toBe(1)
    const resumed = earlyStopping({ patience: 3, restoreBestWeights: true })
    resumed.loadStateDict!(JSON.parse(JSON.stringify({ ...state, bestWeights: null })))
    resumed.loadStateDict!(state)
    const rest = drive(resumed, values, { first: 3 })
    expect(3 + rest.epochs).toBe(reference.epochs)
    expect(resumed.stoppedEpoch).toBe(whole.stoppedEpoch)
    expect(rest.weight).toBe(reference.weight)
    // A later fit without a loaded state starts afresh.
    drive(resumed, [5, 6])
    expect(resumed.best).toBe(5)
    expect(() => resumed.loadStateDict!({} as never)).toThrow(
      /^earlyStopping.loadStateDict: expected/,
    )
  })

  it('stops a real Trainer run and restores the weights of the best epoch', async () => {
    const g = new Generator(1)
    const inputs = randn([12, 2], { generator: g })
    const targets = new Tensor(
      Int32Array.from({ length: 12 }, (_, i) => i % 2),
      [12],
    )
    const model = new Linear(2, 2, { generator: g })
    const seen: number[][] = []
    const recorder = {
      name: 'recorder',
      stateKey: 'recorder',
      epochEnd: () => {
        seen.push(Array.from(model.weight.data))
      },
    }
    // The training loss falls, so in 'max' mode epoch 0 stays best and epoch 1 stops (patience 1).
    const stopper = earlyStopping({
      monitor: 'loss',
      mode: 'max',
      patience: 1,
      restoreBestWeights: true,
    })
    const trainer = new Trainer({
      model,
      optimizer: createOptimizer(model, sgd({ lr: 0.5 })),
      plugins: [stopper, recorder],
    })
    const result = await trainer.fit([{ inputs, targets }], { epochs: 10 })
    expect(result.history).toHaveLength(2)
    expect(result.stopReason).toMatch(/^earlyStopping: loss did not improve for 1 epoch/)
    expect(Array.from(model.weight.data)).toEqual(seen[0])
    expect(seen[1]).not.toEqual(seen[0])
  })
})
