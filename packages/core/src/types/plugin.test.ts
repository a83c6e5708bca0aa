import { describe, expect, it } from 'vitest'
import { Module } from '../nn/module'
import { Parameter } from '../nn/parameter'
import { Generator } from '../random/generator'
import { Tensor } from '../tensor'
import type { Optimizer } from './optimizer'
import {
  FIT_EVENTS,
  PHASES,
  PLUGIN_EVENTS,
  type Plugin,
  type PluginEvent,
  type PluginHooks,
  STEP_EVENTS,
} from './plugin'
import type { TrainContext, TrainControl } from './train-context'

// Compile-time: PLUGIN_EVENTS names every hook of PluginHooks.
type Unlisted = Exclude<PluginEvent, (typeof PLUGIN_EVENTS)[number]>
const everyHookListed: [Unlisted] extends [never] ? true : false = true

class Scale extends Module<[Tensor], Tensor> {
  weight = new Parameter(new Tensor(Float32Array.of(2), [1]))
  forward(x: Tensor): Tensor {
    return x.mul(this.weight)
  }
}

function control(): TrainControl {
  const reasons = {
    skipBatch: [] as string[],
    skipStep: [] as string[],
    stopTraining: [] as string[],
  }
  return {
    skipBatch: (reason) => reasons.skipBatch.push(reason),
    skipStep: (reason) => reasons.skipStep.push(reason),
    stopTraining: (reason) => reasons.stopTraining.push(reason),
    get batchSkipped() {
      return reasons.skipBatch.length > 0
    },
    get stepSkipped() {
      return reasons.skipStep.length > 0
    },
    get stopRequested() {
      return reasons.stopTraining.length > 0
    },
    reasons,
  }
}

function context(model: Module): TrainContext {
  const optimizer: Optimizer = {
    hyper: { lr: 0.1 },
    stepCount: 0,
    step() {},
    zeroGrad() {},
    stateDict: () => ({ step: 0, buffers: {}, hyper: {} }),
    loadStateDict() {},
  }
  return {
    model,
    optimizer,
    epoch: 0,
    maxEpochs: 1,
    step: 0,
    batchIndex: 0,
    batchesPerEpoch: 1,
    accumulationSteps: 1,
    microStep: 0,
    isUpdateBoundary: true,
    batch: null,
    outputs: null,
    loss: null,
    logs: {},
    history: [],
    generator: new Generator(0),
    control: control(),
    snapshot() {
      throw new Error('not used by these tests')
    },
  }
}

describe('plugin events and phases', () => {
  it('lists the phases in running order', () => {
    expect(PHASES).toEqual(['setup', 'metrics', 'lr', 'stopping', 'checkpoint'])
  })

  it('lists one epoch of events with the step events nested after epochStart', () => {
    expect(everyHookListed).toBe(true)
    expect(PLUGIN_EVENTS).toEqual([
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
    ])
    expect(new Set(PLUGIN_EVENTS).size).toBe(FIT_EVENTS.length + STEP_EVENTS.length)
  })

  it('keeps the shared lists immutable', () => {
    for (const list of [PHASES, FIT_EVENTS, STEP_EVENTS, PLUGIN_EVENTS]) {
      expect(Object.isFrozen(list)).toBe(true)
    }
  })

  it('lets a trainer drive a plugin by event name and read its requests', async () => {
    type CounterState = { seen: number; events: string[] }
    const calls: PluginEvent[] = []
    const record = (event: PluginEvent) => () => {
      calls.push(event)
    }
    const hooks: PluginHooks = {}
    for (const event of PLUGIN_EVENTS) hooks[event] = record(event)
    const guard: Plugin<CounterState> = {
      ...hooks,
      name: 'nan-guard',
      stateKey: 'nanGuard',
      phase: 'setup',
      before: ['ema'],
      afterLoss: async (ctx) => {
        calls.push('afterLoss')
        if (!Number.isFinite(ctx.loss!.item())) ctx.control.skipStep('loss is not finite')
      },
      stateDict: () => ({ seen: calls.length, events: [...calls] }),
    }
    const plugins: Plugin[] = [guard]
    const ctx = context(new Scale())
    for (const event of PLUGIN_EVENTS) {
      if (event === 'afterLoss') ctx.loss = new Tensor(Float32Array.of(Number.NaN), [])
      for (const plugin of plugins) await plugin[event]?.(ctx)
    }
    expect(calls).toEqual(PLUGIN_EVENTS)
    expect(ctx.control.stepSkipped).toBe(true)
    expect(ctx.control.batchSkipped).toBe(false)
    expect(ctx.control.reasons.skipStep).toEqual(['loss is not finite'])
    expect(guard.stateDict!().seen).toBe(PLUGIN_EVENTS.length)
  })
})
