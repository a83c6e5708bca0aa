import type { StateDict } from '../nn/module'
import type { Tensor } from '../tensor'
import type { TrainContext } from './train-context'

/**
 * Plugin phases in the order their hooks run at each event; within a phase, by `priority`,
 * then registration order.
 */
export const PHASES = Object.freeze(['setup', 'metrics', 'lr', 'stopping', 'checkpoint'] as const)

/** A plugin's ordering phase, one of {@link PHASES}. */
export type Phase = (typeof PHASES)[number]

/** A hook the trainer calls (and awaits) at one event. */
export type PluginHook = (ctx: TrainContext) => void | Promise<void>

/** The optional hooks of a {@link Plugin}, one per training-loop event. */
export interface PluginHooks {
  /** Once, before the first epoch (after a checkpoint, if any, is restored). */
  fitStart?: PluginHook
  /** At the start of each epoch. */
  epochStart?: PluginHook
  /** Before the forward pass of each micro-batch; `ctx.batch` may be replaced (e.g. mixup). */
  batchStart?: PluginHook
  /** After the forward pass: `ctx.outputs` is set. */
  afterForward?: PluginHook
  /** After the loss is computed: `ctx.loss` is set and may be replaced (e.g. a penalty added). */
  afterLoss?: PluginHook
  /** After the backward pass: this micro-batch's gradients are accumulated into `.grad`. */
  afterBackward?: PluginHook
  /**
   * At an update boundary only, before the optimizer: gradients are final (all micro-batches
   * accumulated) and may be edited in place (clipping, noise).
   */
  beforeOptimizerStep?: PluginHook
  /** At an update boundary only, after the optimizer update (EMA, per-step schedules). */
  afterOptimizerStep?: PluginHook
  /** Last event of every micro-batch; always runs, also when it was skipped (see `ctx.control`). */
  batchEnd?: PluginHook
  /** After the last training batch of the epoch, before evaluation. */
  trainEpochEnd?: PluginHook
  /** Before evaluation, with the eval weights (if a plugin provides them) swapped in. */
  evalStart?: PluginHook
  /** After evaluation: the validation values are in `ctx.logs`. */
  evalEnd?: PluginHook
  /** At the end of each epoch: `ctx.logs` is final (checkpoints, early stopping, plateau). */
  epochEnd?: PluginHook
  /** Once, at the end of training, also when it was stopped early. */
  fitEnd?: PluginHook
}

/** The name of a training-loop event, i.e. of a hook of {@link PluginHooks}. */
export type PluginEvent = keyof PluginHooks

/**
 * Epoch-level events in order: `fitStart → [epochStart → (batches) → trainEpochEnd → evalStart
 * → evalEnd → epochEnd]* → fitEnd`.
 */
export const FIT_EVENTS = Object.freeze([
  'fitStart',
  'epochStart',
  'trainEpochEnd',
  'evalStart',
  'evalEnd',
  'epochEnd',
  'fitEnd',
] as const satisfies readonly PluginEvent[])

/** An epoch-level event, one of {@link FIT_EVENTS}. */
export type FitEvent = (typeof FIT_EVENTS)[number]

/**
 * Events of one micro-batch in order; `beforeOptimizerStep` and `afterOptimizerStep` run only
 * at an update boundary (every `accumulationSteps` micro-batches).
 */
export const STEP_EVENTS = Object.freeze([
  'batchStart',
  'afterForward',
  'afterLoss',
  'afterBackward',
  'beforeOptimizerStep',
  'afterOptimizerStep',
  'batchEnd',
] as const satisfies readonly PluginEvent[])

/** A micro-batch event, one of {@link STEP_EVENTS}. */
export type StepEvent = (typeof STEP_EVENTS)[number]

/** Every event in the order of one epoch: the step events nested after `epochStart`. */
export const PLUGIN_EVENTS: readonly PluginEvent[] = Object.freeze([
  ...FIT_EVENTS.slice(0, 2),
  ...STEP_EVENTS,
  ...FIT_EVENTS.slice(2),
])

/** A value a plugin can save in a checkpoint: JSON-like data and tensors. */
export type StateValue =
  | number
  | string
  | boolean
  | null
  | Tensor
  | readonly StateValue[]
  | { readonly [key: string]: StateValue }

/** A plugin's saved state (written under its `stateKey` in a checkpoint). */
export type PluginState = { readonly [key: string]: StateValue }

/**
 * A training trick the trainer composes with others: hooks at the loop's events, an ordering,
 * and optionally checkpointable state and evaluation weights. Every package implements this
 * one interface.
 */
export interface Plugin<S extends PluginState = PluginState> extends PluginHooks {
  /** Human-readable name, also what other plugins' `before`/`after` refer to. */
  readonly name: string
  /** Unique key of this plugin's state in a checkpoint's `plugins` record. */
  readonly stateKey: string
  /** Ordering phase (default `'setup'`); phases run in the order of {@link PHASES}. */
  readonly phase?: Phase
  /** Order within a phase, lower first (default 0); ties keep registration order. */
  readonly priority?: number
  /** Names of plugins whose hooks must run after this plugin's (a cycle is an error). */
  readonly before?: readonly string[]
  /** Names of plugins whose hooks must run before this plugin's (a cycle is an error). */
  readonly after?: readonly string[]
  /** This plugin's state, saved in checkpoints. */
  stateDict?(): S
  /** Restores the state returned by {@link Plugin.stateDict}. */
  loadStateDict?(state: S): void
  /**
   * Weights to evaluate with instead of the training ones (Polyak/EMA averages), keyed like
   * `model.stateDict()`; `null` while there are none yet. The trainer copies them into the
   * model around evaluation and always restores the training weights, even on an exception.
   * At most one plugin of a trainer provides them.
   */
  evalWeights?(): StateDict | null
}
