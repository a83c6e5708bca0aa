import {
  ArgumentError,
  type Batch,
  concat,
  crossEntropy,
  Generator,
  getDefaultGenerator,
  type Module,
  noGrad,
  type Optimizer,
  type Plugin,
  type PluginEvent,
  type StateDict,
  type Tensor,
  type TrainContext,
  type TrainingSnapshot,
} from '@knack/core'
import { accuracy } from './metrics/accuracy'
import type { Metric } from './metrics/metric'
import { describePluginOrder, resolvePluginOrder } from './plugin-order'
import { StickyControl } from './train-control'

/** A loss from model outputs and targets to a scalar tensor. */
export type LossFunction = (outputs: Tensor, targets: Tensor) => Tensor

/** Options of {@link Trainer}. */
export interface TrainerOptions {
  model: Module<[Tensor], Tensor>
  optimizer: Optimizer
  /** Default: cross-entropy from logits. */
  loss?: LossFunction
  /** Metrics logged for training and validation (default: accuracy). */
  metrics?: Metric[]
  plugins?: Plugin[]
  /** Micro-batches per optimizer update (gradient accumulation, default 1). */
  accumulationSteps?: number
  /** Seed of the generator plugins draw from (default 0). */
  seed?: number
}

/** Options of {@link Trainer.fit}. */
export interface FitOptions {
  epochs: number
  validation?: Iterable<Batch>
  /** A snapshot to continue from (see `loadCheckpoint`): training resumes after its epoch. */
  resumeFrom?: TrainingSnapshot
}

/** What {@link Trainer.fit} returns. */
export interface FitResult {
  /** The logs of every epoch. */
  history: Record<string, number>[]
  /** Why training stopped early, or `null` when it ran every epoch. */
  stopReason: string | null
  /** Optimizer updates applied in total. */
  steps: number
}

interface MutableContext extends TrainContext {
  /** Epochs whose training and validation are complete (the current one counts from epochEnd). */
  completedEpochs: number
  epoch: number
  maxEpochs: number
  step: number
  batchIndex: number
  batchesPerEpoch: number | null
  microStep: number
  isUpdateBoundary: boolean
  outputs: Tensor | null
  logs: Record<string, number>
}

/** A data source that can be told which epoch it is producing (see `DataLoader.setEpoch`). */
interface EpochAware {
  setEpoch(epoch: number): void
}
const isEpochAware = (x: unknown): x is EpochAware =>
  typeof (x as Partial<EpochAware>).setEpoch === 'function'
const knownLength = (x: unknown): number | null => {
  const n = (x as { length?: unknown }).length
  return typeof n === 'number' ? n : null
}

/**
 * Runs training with Knack's plugin interface (DESIGN.md): for each epoch, each micro-batch
 * goes `batchStart → forward → afterForward → loss → afterLoss → backward → afterBackward`,
 * and at each update boundary `beforeOptimizerStep → optimizer → afterOptimizerStep`, then
 * `batchEnd` (always). Validation runs between `evalStart` and `evalEnd`, which see the eval
 * weights of the plugin that provides them swapped in; they are always swapped back after.
 */
export class Trainer {
  readonly model: Module<[Tensor], Tensor>
  readonly optimizer: Optimizer
  readonly loss: LossFunction
  readonly metrics: readonly Metric[]
  readonly plugins: readonly Plugin[]
  readonly accumulationSteps: number
  readonly generator: Generator

  constructor(options: TrainerOptions) {
    const { accumulationSteps = 1 } = options
    if (!Number.isInteger(accumulationSteps) || accumulationSteps < 1) {
      throw new ArgumentError(
        'Trainer',
        `accumulationSteps must be a positive integer, got ${accumulationSteps}`,
      )
    }
    this.model = options.model
    this.optimizer = options.optimizer
    this.loss = options.loss ?? ((outputs, targets) => crossEntropy(outputs, targets))
    this.metrics = options.metrics ?? [accuracy()]
    this.plugins = resolvePluginOrder(options.plugins ?? [])
    this.accumulationSteps = accumulationSteps
    this.generator = new Generator(options.seed ?? 0)
    const providers = this.plugins.filter((p) => p.evalWeights)
    if (providers.length > 1) {
      throw new ArgumentError(
        'Trainer',
        `plugins ${providers.map((p) => p.name).join(' and ')} both provide eval weights`,
        'use at most one weight-averaging plugin (Polyak/EMA/SWA) at a time',
      )
    }
  }

  /** The resolved plugin order as a readable table. */
  describePlugins(): string {
    return describePluginOrder(this.plugins)
  }

  private async emit(event: PluginEvent, ctx: TrainContext): Promise<void> {
    for (const plugin of this.plugins) {
      const hook = plugin[event]
      if (hook) await hook.call(plugin, ctx)
    }
  }

  /** Trains for `epochs` epochs (continuing from `resumeFrom` when given). */
  async fit(train: Iterable<Batch>, options: FitOptions): Promise<FitResult> {
    const { epochs, validation, resumeFrom } = options
    if (!Number.isInteger(epochs) || epochs < 0) {
      throw new ArgumentError('fit', `epochs must be a non-negative integer, got ${epochs}`)
    }
    const control = new StickyControl()
    const history: Record<string, number>[] = []
    const ctx: MutableContext = {
      model: this.model,
      optimizer: this.optimizer,
      epoch: 0,
      maxEpochs: epochs,
      step: 0,
      batchIndex: 0,
      batchesPerEpoch: knownLength(train),
      accumulationSteps: this.accumulationSteps,
      microStep: 0,
      isUpdateBoundary: false,
      batch: null,
      outputs: null,
      loss: null,
      logs: {},
      history,
      generator: this.generator,
      control,
      completedEpochs: 0,
      snapshot: () => this.snapshot(ctx),
    }
    let firstEpoch = 0
    if (resumeFrom) {
      this.restore(resumeFrom)
      ctx.step = resumeFrom.step
      history.push(...resumeFrom.history.map((h) => ({ ...h })))
      firstEpoch = resumeFrom.epoch
      ctx.completedEpochs = firstEpoch
    }

    await this.emit('fitStart', ctx)
    try {
      for (let epoch = firstEpoch; epoch < epochs && !control.stopRequested; epoch++) {
        ctx.epoch = epoch
        ctx.logs = {}
        await this.emit('epochStart', ctx)
        await this.trainEpoch(train, ctx, control)
        await this.emit('trainEpochEnd', ctx)
        if (validation) {
          await this.withEvalWeights(async () => {
            await this.emit('evalStart', ctx)
            const results = await this.evaluate(validation)
            for (const [k, v] of Object.entries(results)) ctx.logs[`val_${k}`] = v
            await this.emit('evalEnd', ctx)
          })
        }
        ctx.completedEpochs = epoch + 1
        await this.emit('epochEnd', ctx)
        history.push({ ...ctx.logs })
      }
    } finally {
      ctx.batch = null
      ctx.outputs = null
      ctx.loss = null
    }
    await this.emit('fitEnd', ctx)
    return {
      history,
      stopReason: control.stopRequested ? control.reasons.stopTraining.join('; ') : null,
      steps: ctx.step,
    }
  }

  private async trainEpoch(
    train: Iterable<Batch>,
    ctx: MutableContext,
    control: StickyControl,
  ): Promise<void> {
    this.model.train()
    if (isEpochAware(train)) train.setEpoch(ctx.epoch)
    for (const m of this.metrics) m.reset()
    let lossSum = 0
    let lossCount = 0
    const k = this.accumulationSteps
    const total = knownLength(train)
    let index = 0
    let contributed = 0
    this.optimizer.zeroGrad()
    control.startUpdate()
    for (const batch of train) {
      ctx.batchIndex = index
      ctx.microStep = index % k
      ctx.isUpdateBoundary = ctx.microStep === k - 1 || (total !== null && index === total - 1)
      ctx.batch = batch
      ctx.outputs = null
      ctx.loss = null
      control.startBatch()
      await this.emit('batchStart', ctx)
      if (!control.batchSkipped) {
        const current = ctx.batch ?? batch
        ctx.outputs = this.model.forward(current.inputs)
        await this.emit('afterForward', ctx)
        if (!control.batchSkipped) {
          ctx.loss = this.loss(ctx.outputs, current.targets)
          await this.emit('afterLoss', ctx)
        }
        if (!control.batchSkipped && ctx.loss) {
          const value = ctx.loss.item()
          const rows = current.targets.shape[0] ?? 1
          ;(k === 1 ? ctx.loss : ctx.loss.div(k)).backward()
          lossSum += value * rows
          lossCount += rows
          contributed++
          noGrad(() => {
            for (const m of this.metrics) m.update(ctx.outputs!, current.targets)
          })
          await this.emit('afterBackward', ctx)
        }
      }
      if (ctx.isUpdateBoundary) {
        if (contributed === 0 && !control.stepSkipped) {
          control.skipStep('every micro-batch of this update was skipped')
        }
        if (!control.stepSkipped) await this.emit('beforeOptimizerStep', ctx)
        if (!control.stepSkipped) {
          this.optimizer.step()
          ctx.step++
          await this.emit('afterOptimizerStep', ctx)
        }
        this.optimizer.zeroGrad()
      }
      await this.emit('batchEnd', ctx)
      if (ctx.isUpdateBoundary) {
        control.startUpdate()
        contributed = 0
      }
      index++
      if (control.stopRequested) break
    }
    ctx.batch = null
    ctx.outputs = null
    ctx.loss = null
    ctx.logs.loss = lossCount > 0 ? lossSum / lossCount : Number.NaN
    for (const m of this.metrics) ctx.logs[m.name] = m.compute()
    const lr = this.optimizer.hyper.lr
    if (lr !== undefined) ctx.logs.lr = lr
  }

  /** Runs `fn` with the eval weights of the providing plugin (if any) loaded, then restores. */
  private async withEvalWeights<T>(fn: () => Promise<T>): Promise<T> {
    const provider = this.plugins.find((p) => p.evalWeights)
    const weights = provider?.evalWeights?.() ?? null
    if (!weights) return fn()
    const saved: StateDict = this.model.stateDict()
    try {
      this.model.loadStateDict(weights, { strict: false })
      return await fn()
    } finally {
      this.model.loadStateDict(saved)
    }
  }

  /** Mean loss and metrics over `data`, in eval mode without gradients; restores the mode. */
  async evaluate(data: Iterable<Batch>): Promise<Record<string, number>> {
    const wasTraining = this.model.training
    this.model.eval()
    for (const m of this.metrics) m.reset()
    let lossSum = 0
    let count = 0
    try {
      noGrad(() => {
        for (const batch of data) {
          const outputs = this.model.forward(batch.inputs)
          const rows = batch.targets.shape[0] ?? 1
          lossSum += this.loss(outputs, batch.targets).item() * rows
          count += rows
          for (const m of this.metrics) m.update(outputs, batch.targets)
        }
      })
    } finally {
      this.model.train(wasTraining)
    }
    const results: Record<string, number> = { loss: count > 0 ? lossSum / count : Number.NaN }
    for (const m of this.metrics) results[m.name] = m.compute()
    return results
  }

  /** Model outputs for `inputs` (a tensor, or batches), in eval mode without gradients. */
  predict(inputs: Tensor | Iterable<Batch>): Tensor {
    const wasTraining = this.model.training
    this.model.eval()
    try {
      return noGrad(() => {
        if ('data' in inputs && 'shape' in inputs) return this.model.forward(inputs)
        const parts: Tensor[] = []
        for (const batch of inputs) parts.push(this.model.forward(batch.inputs))
        return concat(parts, 0)
      })
    } finally {
      this.model.train(wasTraining)
    }
  }

  private snapshot(ctx: MutableContext): TrainingSnapshot {
    const plugins: TrainingSnapshot['plugins'] = {}
    for (const p of this.plugins) {
      const state = p.stateDict?.()
      if (state !== undefined) plugins[p.stateKey] = state
    }
    return {
      version: 1,
      step: ctx.step,
      epoch: ctx.completedEpochs,
      rng: { default: getDefaultGenerator().getState(), trainer: this.generator.getState() },
      model: this.model.stateDict(),
      optimizer: this.optimizer.stateDict(),
      plugins,
      history: [
        ...ctx.history.map((h) => ({ ...h })),
        ...(ctx.completedEpochs > ctx.history.length ? [{ ...ctx.logs }] : []),
      ],
    }
  }

  private restore(snapshot: TrainingSnapshot): void {
    this.model.loadStateDict(snapshot.model)
    this.optimizer.loadStateDict(snapshot.optimizer)
    getDefaultGenerator().setState(snapshot.rng.default)
    this.generator.setState(snapshot.rng.trainer)
    for (const p of this.plugins) {
      const state = snapshot.plugins[p.stateKey]
      if (state !== undefined && p.loadStateDict) p.loadStateDict(state)
    }
  }
}
