import { Generator, type Module, type Optimizer, StateError, type TrainContext } from '@knack/core'
import { StickyControl } from '@knack/trainer'

/** A {@link TrainContext} whose counters and logs a test sets by hand. */
export interface FakeContext extends TrainContext {
  epoch: number
  step: number
  logs: Record<string, number>
  control: StickyControl
}

const idleOptimizer: Optimizer = {
  hyper: {},
  stepCount: 0,
  step() {},
  zeroGrad() {},
  stateDict: () => ({ step: 0, buffers: {}, hyper: {} }),
  loadStateDict() {},
}

/** A context for driving plugin hooks directly, without a trainer. */
export function fakeContext(model: Module): FakeContext {
  const ctx: FakeContext = {
    model,
    optimizer: idleOptimizer,
    epoch: 0,
    maxEpochs: 100,
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
    control: new StickyControl(),
    snapshot: () => {
      throw new StateError('fakeContext', 'snapshot() is not available without a trainer')
    },
  }
  return ctx
}
