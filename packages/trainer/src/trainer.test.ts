import type { Plugin, PluginEvent, TrainContext } from '@knack/core'
import { blobs, DataLoader } from '@knack/data'
import { createOptimizer, sgd } from '@knack/optim'
import { describe, expect, it } from 'vitest'
import { parameterValues, TinyMlp } from './testing/tiny-model'
import { Trainer } from './trainer'

const EVENTS: PluginEvent[] = [
  'fitStart',
  'epochStart',
  'batchStart',
  'afterForward',
  'afterLoss',
  'afterBackward',
  'beforeOptimizerStep',
  'afterOptimizerStep',
  'batchEnd',
  'trainEpochEnd',
  'evalStart',
  'evalEnd',
  'epochEnd',
  'fitEnd',
]

/** A plugin that records every event, optionally reacting to some. */
function recorder(
  log: string[],
  react: Partial<Record<PluginEvent, (ctx: TrainContext) => void>> = {},
): Plugin {
  const plugin: Plugin = { name: 'recorder', stateKey: 'recorder' }
  for (const event of EVENTS) {
    plugin[event] = (ctx: TrainContext) => {
      log.push(event)
      react[event]?.(ctx)
    }
  }
  return plugin
}

function setup(options: { plugins?: Plugin[]; accumulationSteps?: number; batches?: number } = {}) {
  const data = blobs({
    centers: 3,
    pointsPerCenter: 4 * (options.batches ?? 2),
    dim: 2,
    std: 0.5,
    seed: 1,
  })
  const loader = new DataLoader(data, { batchSize: 12, shuffle: true, seed: 3 })
  const model = new TinyMlp(2, 8, 3)
  const optimizer = createOptimizer(model, sgd({ lr: 0.1 }))
  const trainer = new Trainer({
    model,
    optimizer,
    plugins: options.plugins,
    accumulationSteps: options.accumulationSteps,
  })
  return { data, loader, model, optimizer, trainer }
}

const stepEvents = [
  'batchStart',
  'afterForward',
  'afterLoss',
  'afterBackward',
  'beforeOptimizerStep',
  'afterOptimizerStep',
  'batchEnd',
]

describe('Trainer', () => {
  it('runs the events in DESIGN.md order', async () => {
    const log: string[] = []
    const { trainer, loader, data } = setup({ plugins: [recorder(log)] })
    await trainer.fit(loader, { epochs: 2, validation: new DataLoader(data, { batchSize: 50 }) })
    const epoch = [
      'epochStart',
      ...stepEvents,
      ...stepEvents,
      'trainEpochEnd',
      'evalStart',
      'evalEnd',
      'epochEnd',
    ]
    expect(log).toEqual(['fitStart', ...epoch, ...epoch, 'fitEnd'])
  })

  it('runs the optimizer events only at update boundaries when accumulating', async () => {
    const log: string[] = []
    const steps: number[] = []
    const { trainer, loader } = setup({
      accumulationSteps: 2,
      batches: 4,
      plugins: [recorder(log, { afterOptimizerStep: (ctx) => steps.push(ctx.step) })],
    })
    const result = await trainer.fit(loader, { epochs: 1 })
    const micro = ['batchStart', 'afterForward', 'afterLoss', 'afterBackward', 'batchEnd']
    expect(log).toEqual([
      'fitStart',
      'epochStart',
      ...micro,
      ...stepEvents,
      ...micro,
      ...stepEvents,
      'trainEpochEnd',
      'epochEnd',
      'fitEnd',
    ])
    expect(steps).toEqual([1, 2])
    expect(result.steps).toBe(2)
  })

  it('accumulated gradients equal the full-batch gradient', async () => {
    const grads = (k: number, batchSize: number) => {
      const { data, model, optimizer } = setup({ batches: 2 })
      const seen: number[][] = []
      const capture: Plugin = {
        name: 'capture',
        stateKey: 'capture',
        beforeOptimizerStep: (ctx) => {
          seen.push(Array.from(ctx.model.parameters()[0]!.grad!.data))
        },
      }
      const t = new Trainer({ model, optimizer, accumulationSteps: k, plugins: [capture] })
      return t.fit(new DataLoader(data, { batchSize }), { epochs: 1 }).then(() => seen[0]!)
    }
    const [full, accumulated] = await Promise.all([grads(1, 24), grads(2, 12)])
    for (const [i, g] of accumulated.entries()) expect(g).toBeCloseTo(full[i]!, 6)
  })

  it('skipBatch drops the rest of the micro-batch but batchEnd still runs and sees why', async () => {
    const log: string[] = []
    let seen: readonly string[] = []
    const { trainer, loader } = setup({
      plugins: [
        recorder(log, {
          batchStart: (ctx) => ctx.batchIndex === 0 && ctx.control.skipBatch('bad batch'),
          batchEnd: (ctx) => ctx.batchIndex === 0 && (seen = ctx.control.reasons.skipBatch),
        }),
      ],
    })
    await trainer.fit(loader, { epochs: 1 })
    expect(log.slice(2, 6)).toEqual(['batchStart', 'batchEnd', 'batchStart', 'afterForward'])
    expect(seen).toEqual(['bad batch'])
    expect(log.filter((e) => e === 'afterOptimizerStep')).toHaveLength(1)
  })

  it('skipStep leaves parameters and optimizer state untouched', async () => {
    const { trainer, loader, model, optimizer } = setup({
      plugins: [
        {
          name: 'veto',
          stateKey: 'veto',
          beforeOptimizerStep: (ctx) => ctx.control.skipStep('no'),
        },
      ],
    })
    const before = parameterValues(model)
    const result = await trainer.fit(loader, { epochs: 2 })
    expect(parameterValues(model)).toEqual(before)
    expect(optimizer.stepCount).toBe(0)
    expect(result.steps).toBe(0)
  })

  it('stopTraining ends after the current batch; end events still run', async () => {
    const log: string[] = []
    const { trainer, loader } = setup({
      plugins: [recorder(log, { afterLoss: (ctx) => ctx.control.stopTraining('enough') })],
    })
    const result = await trainer.fit(loader, { epochs: 3 })
    expect(result.stopReason).toBe('enough')
    expect(log.filter((e) => e === 'batchStart')).toHaveLength(1)
    expect(log.slice(-3)).toEqual(['trainEpochEnd', 'epochEnd', 'fitEnd'])
    expect(result.history).toHaveLength(1)
  })

  it('lets afterLoss replace the loss that is back-propagated', async () => {
    const { trainer, loader, model } = setup({
      plugins: [
        { name: 'zero', stateKey: 'zero', afterLoss: (ctx) => void (ctx.loss = ctx.loss!.mul(0)) },
      ],
    })
    const before = parameterValues(model)
    await trainer.fit(loader, { epochs: 1 })
    expect(parameterValues(model)).toEqual(before)
  })

  it('swaps eval weights in for validation and always back, even when evaluation throws', async () => {
    const { model, optimizer, loader, data } = setup()
    const zeroed = Object.fromEntries(
      model.namedParameters().map(([n, p]) => [n, p.clone().fill_(0)]),
    )
    let validationLoss = 0
    let seenAtEvalStart = -1
    const ema: Plugin = {
      name: 'ema',
      stateKey: 'ema',
      evalWeights: () => zeroed,
      evalStart: (ctx) =>
        void (seenAtEvalStart = Math.max(...ctx.model.parameters()[0]!.data.map(Math.abs))),
      evalEnd: (ctx) => void (validationLoss = ctx.logs.val_loss!),
    }
    const trainer = new Trainer({ model, optimizer, plugins: [ema] })
    await trainer.fit(loader, { epochs: 1, validation: new DataLoader(data, { batchSize: 50 }) })
    expect(validationLoss).toBeCloseTo(Math.log(3), 5)
    expect(seenAtEvalStart).toBe(0)
    expect(model.parameters()[0]!.data.some((v) => v !== 0)).toBe(true)

    const failing = new Trainer({
      model,
      optimizer,
      plugins: [ema],
      metrics: [
        {
          name: 'boom',
          reset() {},
          update() {
            throw new Error('metric failed')
          },
          compute: () => 0,
        },
      ],
    })
    const before = parameterValues(model)
    await expect(failing.evaluate(loader)).rejects.toThrow('metric failed')
    await expect(failing.fit(loader, { epochs: 1, validation: loader })).rejects.toThrow(
      'metric failed',
    )
    expect(parameterValues(model)).not.toEqual(
      Object.fromEntries(Object.keys(before).map((k) => [k, before[k]!.map(() => 0)])),
    )
    expect(model.training).toBe(true)
  })

  it('refuses two eval-weight providers and bad options', () => {
    const { model, optimizer } = setup()
    const provider = (name: string): Plugin => ({ name, stateKey: name, evalWeights: () => null })
    expect(
      () => new Trainer({ model, optimizer, plugins: [provider('a'), provider('b')] }),
    ).toThrow(/a and b both provide eval weights/)
    expect(() => new Trainer({ model, optimizer, accumulationSteps: 0 })).toThrow(
      /accumulationSteps must be a positive integer/,
    )
  })

  it('learns: training loss falls and accuracy rises on separable blobs', async () => {
    const { trainer, loader } = setup({ batches: 8 })
    const { history } = await trainer.fit(loader, { epochs: 15 })
    expect(history[14]!.loss!).toBeLessThan(history[0]!.loss! / 2)
    expect(history[14]!.accuracy!).toBeGreaterThan(0.9)
    expect(history[0]!.lr).toBe(0.1)
  })

  it('predicts in eval mode without a graph', async () => {
    const { trainer, data, model } = setup()
    const out = trainer.predict(data.inputs)
    expect(out.shape).toEqual([data.length, 3])
    expect(out.requiresGrad).toBe(false)
    expect(trainer.predict(new DataLoader(data, { batchSize: 5 })).data).toEqual(out.data)
    expect(model.training).toBe(true)
  })
})
