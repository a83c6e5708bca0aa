import type { Module } from '../nn/module'
import type { Generator } from '../random/generator'
import type { Tensor } from '../tensor'
import type { Optimizer } from './optimizer'
import type { TrainingSnapshot } from './training-snapshot'

/** One batch of training or evaluation data. */
export interface Batch {
  /** The model's input, batch dimension first. */
  inputs: Tensor
  /** The targets the loss compares against: int32 class indices or float32 values/soft labels. */
  targets: Tensor
}

/**
 * A seeded transform of a whole batch (augmentation, mixup, …), used as a `DataLoader`
 * transform or inside a plugin. All its randomness comes from `generator`.
 */
export type BatchTransform = (batch: Batch, generator: Generator) => Batch

/** The reasons given so far to each request of a {@link TrainControl}, oldest first. */
export interface ControlReasons {
  readonly skipBatch: readonly string[]
  readonly skipStep: readonly string[]
  readonly stopTraining: readonly string[]
}

/**
 * Requests plugins make to the training loop. Requests are sticky and OR-combined: once any
 * plugin asks, the request holds for its scope however many plugins ask or not, and nothing
 * withdraws it. Hooks that run after a request still run and can read why.
 */
export interface TrainControl {
  /**
   * Drops the current micro-batch: stages not yet run are skipped and it contributes nothing to
   * the update. Scope: this micro-batch.
   */
  skipBatch(reason: string): void
  /**
   * Skips the optimizer update this micro-batch would complete (e.g. a non-finite gradient):
   * the accumulated gradients are discarded and the parameters and optimizer state stay as
   * they are. Scope: the current update.
   */
  skipStep(reason: string): void
  /**
   * Ends training: no new batch or epoch starts after the current one; the end-of-batch, epoch
   * and fit events still run. Scope: the rest of the fit.
   */
  stopTraining(reason: string): void
  /** Whether the current micro-batch is dropped ({@link TrainControl.skipBatch}). */
  readonly batchSkipped: boolean
  /** Whether the current update is skipped ({@link TrainControl.skipStep}). */
  readonly stepSkipped: boolean
  /** Whether training will stop ({@link TrainControl.stopTraining}). */
  readonly stopRequested: boolean
  /** Why, for each request that holds now. */
  readonly reasons: ControlReasons
}

/**
 * What every plugin hook receives: the training loop's state at that event. The trainer owns
 * it; plugins read it, and may write only the fields documented as writable.
 */
export interface TrainContext {
  /** The model being trained. */
  readonly model: Module
  /** The optimizer updating the model's parameters (its `hyper` values may be changed). */
  readonly optimizer: Optimizer
  /** Current epoch, 0-based. */
  readonly epoch: number
  /** Number of epochs the fit will run, unless stopped early. */
  readonly maxEpochs: number
  /**
   * Optimizer updates applied so far in the whole fit (the global step, 0-based), the count
   * schedules are computed from. It increases after each update, before `afterOptimizerStep`.
   */
  readonly step: number
  /** Index of the current batch within the epoch, 0-based. */
  readonly batchIndex: number
  /** Number of batches in an epoch, or `null` when the data source does not know it. */
  readonly batchesPerEpoch: number | null
  /** Micro-batches accumulated into one optimizer update (`k`, 1 without accumulation). */
  readonly accumulationSteps: number
  /** Index of the current micro-batch within its update, `0 … accumulationSteps - 1`. */
  readonly microStep: number
  /**
   * Whether the current micro-batch completes an update, so that `beforeOptimizerStep` and
   * `afterOptimizerStep` run after it.
   */
  readonly isUpdateBoundary: boolean
  /**
   * The current batch, `null` outside batch events. Writable in `batchStart` (e.g. mixup
   * replaces inputs and targets).
   */
  batch: Batch | null
  /** The model's output for the current batch, from `afterForward` on; `null` before. */
  readonly outputs: Tensor | null
  /**
   * The scalar loss of the current batch, from `afterLoss` on; `null` before. Writable in
   * `afterLoss` (e.g. adding a penalty): the trainer back-propagates whatever it holds then.
   */
  loss: Tensor | null
  /**
   * Values of the current epoch by name (`loss`, `lr`, `val_loss`, `val_accuracy`, …), updated
   * as it runs; plugins add their own. A fresh record at each `epochStart`.
   */
  readonly logs: Record<string, number>
  /** The final `logs` of every finished epoch, indexed by epoch. */
  readonly history: readonly Readonly<Record<string, number>>[]
  /**
   * The seeded generator for plugins' randomness (mixup, augmentation), saved in checkpoints
   * so that a resumed run draws the same numbers.
   */
  readonly generator: Generator
  /** Requests to skip the batch or the update, or to stop training. */
  readonly control: TrainControl
  /**
   * The full resumable state of the run at this moment (model, optimizer, plugins, RNG,
   * counters), for checkpointing. Tensors are copies.
   */
  snapshot(): TrainingSnapshot
}
