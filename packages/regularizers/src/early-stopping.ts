import {
  ArgumentError,
  type Plugin,
  type StateDict,
  StateError,
  type Tensor,
  type TrainContext,
} from '@knack/core'

/** Whether a lower (`'min'`) or a higher (`'max'`) monitored value is better. */
export type MonitorMode = 'min' | 'max'

/** Options of {@link earlyStopping}, named as Keras 3's `EarlyStopping` arguments. */
export interface EarlyStoppingOptions {
  /** The `ctx.logs` entry to watch (default `'val_loss'`). */
  monitor?: string
  /**
   * `'min'` (default) or `'max'`. Never guessed from the monitor's name: pass `'max'` for
   * accuracies.
   */
  mode?: MonitorMode
  /** Smallest change that counts as an improvement (its absolute value is used; default 0). */
  minDelta?: number
  /** Epochs without improvement after which training stops (default 0). */
  patience?: number
  /**
   * A value the monitor must beat: until it does, improvements do not reset the patience
   * counter, so training stops after `patience` epochs that stay short of it (default none).
   */
  baseline?: number | null
  /** Epochs to ignore at the start, 0-based (default 0: watch from the first epoch). */
  startFromEpoch?: number
  /**
   * At `fitEnd`, load the weights of the best epoch into the model, whatever ended training
   * (default false). Without any monitored epoch the model is left as it is.
   */
  restoreBestWeights?: boolean
  /**
   * The plugin whose `evalWeights()` the monitored validation values were computed with (e.g. a
   * {@link polyak} average): the best weights are then taken from it, so that restoring gives
   * back the weights that scored best.
   */
  weightsFrom?: Pick<Plugin, 'evalWeights'>
  /** Plugin name and state key (default `'earlyStopping'`). */
  name?: string
}

/** What {@link earlyStopping} saves in a checkpoint. */
export type EarlyStoppingState = {
  /** Epochs counted towards the patience. */
  wait: number
  /** Best monitored value so far, `null` before any. */
  best: number | null
  /** Epoch of the best value (0-based), `null` before any. */
  bestEpoch: number | null
  /** Epoch at which training was stopped, `null` while it was not. */
  stoppedEpoch: number | null
  /** Copy of the best weights (with `restoreBestWeights`), `null` otherwise or before any. */
  bestWeights: { [name: string]: Tensor } | null
}

/** The {@link earlyStopping} plugin, with its progress readable. */
export interface EarlyStopping extends Plugin<EarlyStoppingState> {
  /** Best monitored value so far (±Infinity before any). */
  readonly best: number
  /** Epoch of the best value, 0-based, or `null` before any. */
  readonly bestEpoch: number | null
  /** Epoch at which it stopped training, 0-based, or `null`. */
  readonly stoppedEpoch: number | null
  /** Epochs counted towards the patience. */
  readonly wait: number
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new ArgumentError('earlyStopping', `${name} must be an integer ≥ 0, got ${value}`)
  }
}

function cloneWeights(state: StateDict): StateDict {
  const out: StateDict = {}
  for (const [name, tensor] of Object.entries(state)) out[name] = tensor.clone()
  return out
}

/**
 * Stops training when a monitored value has stopped improving, with the semantics of Keras 3's
 * `EarlyStopping`, at each `epochEnd` from `startFromEpoch` on: the wait counter goes up by
 * one; if `current` improves on the best (`current + minDelta < best` in `'min'` mode,
 * `current − minDelta > best` in `'max'` mode) it becomes the best (and its weights are kept),
 * and the counter resets to 0 if it also improves on `baseline` (or there is none); otherwise
 * training stops once the counter reaches `patience` (never at epoch 0). With
 * `restoreBestWeights` the best weights are loaded at `fitEnd`. A monitored name missing from
 * the logs is an error (Keras only warns). Phase `stopping`; the state (best weights included)
 * goes in checkpoints, and a resumed run continues from it.
 * @see https://keras.io/api/callbacks/early_stopping/
 * @see L. Prechelt, "Early Stopping — But When?", in Neural Networks: Tricks of the Trade, 1998
 */
export function earlyStopping(options: EarlyStoppingOptions = {}): EarlyStopping {
  const {
    monitor = 'val_loss',
    mode = 'min',
    patience = 0,
    baseline = null,
    startFromEpoch = 0,
    restoreBestWeights = false,
    weightsFrom,
    name = 'earlyStopping',
  } = options
  if (mode !== 'min' && mode !== 'max') {
    throw new ArgumentError(
      'earlyStopping',
      `mode must be 'min' or 'max', got ${JSON.stringify(mode)}`,
      "use 'min' for losses and errors, 'max' for accuracies",
    )
  }
  const minDelta = Math.abs(options.minDelta ?? 0)
  if (!Number.isFinite(minDelta)) {
    throw new ArgumentError('earlyStopping', `minDelta must be finite, got ${options.minDelta}`)
  }
  checkCount('patience', patience)
  checkCount('startFromEpoch', startFromEpoch)
  if (baseline !== null && typeof baseline !== 'number') {
    throw new ArgumentError('earlyStopping', `baseline must be a number or null, got ${baseline}`)
  }
  const initialBest = mode === 'min' ? Infinity : -Infinity
  const improves = (current: number, reference: number): boolean =>
    mode === 'min' ? current + minDelta < reference : current - minDelta > reference

  let wait = 0
  let best = initialBest
  let bestEpoch: number | null = null
  let stoppedEpoch: number | null = null
  let bestWeights: StateDict | null = null
  let resumed = false

  const snapshotWeights = (ctx: TrainContext): StateDict => {
    const weights = ctx.model.stateDict()
    const evaluated = weightsFrom?.evalWeights?.()
    if (evaluated) Object.assign(weights, cloneWeights(evaluated))
    return weights
  }

  return {
    name,
    stateKey: name,
    phase: 'stopping',
    get best() {
      return best
    },
    get bestEpoch() {
      return bestEpoch
    },
    get stoppedEpoch() {
      return stoppedEpoch
    },
    get wait() {
      return wait
    },
    fitStart() {
      if (resumed) {
        resumed = false
        return
      }
      wait = 0
      best = initialBest
      bestEpoch = null
      stoppedEpoch = null
      bestWeights = null
    },
    epochEnd(ctx) {
      const epoch = ctx.epoch
      if (epoch < startFromEpoch) return
      const current = ctx.logs[monitor]
      if (current === undefined) {
        const available = Object.keys(ctx.logs).join(', ') || 'none'
        throw new ArgumentError(
          'earlyStopping',
          `the monitored value '${monitor}' is not in the logs of epoch ${epoch} (logged: ${available})`,
          `monitor one of the logged names, or pass validation data to fit() for 'val_' values`,
        )
      }
      if (restoreBestWeights && bestWeights === null) {
        bestWeights = snapshotWeights(ctx)
        bestEpoch = epoch
      }
      wait++
      if (improves(current, best)) {
        best = current
        bestEpoch = epoch
        if (restoreBestWeights) bestWeights = snapshotWeights(ctx)
        if (baseline === null || improves(current, baseline)) wait = 0
        return
      }
      if (wait >= patience && epoch > 0) {
        stoppedEpoch = epoch
        ctx.control.stopTraining(
          `${name}: ${monitor} did not improve for ${wait} epoch(s) (best ${best} at epoch ${bestEpoch})`,
        )
      }
    },
    fitEnd(ctx) {
      if (restoreBestWeights && bestWeights !== null) ctx.model.loadStateDict(bestWeights)
    },
    stateDict() {
      return {
        wait,
        best: Number.isFinite(best) ? best : null,
        bestEpoch,
        stoppedEpoch,
        bestWeights: bestWeights === null ? null : cloneWeights(bestWeights),
      }
    },
    loadStateDict(state) {
      const ok =
        typeof state === 'object' &&
        state !== null &&
        Number.isInteger(state.wait) &&
        (state.best === null || typeof state.best === 'number')
      if (!ok) {
        throw new StateError(
          'earlyStopping.loadStateDict',
          `expected { wait, best, bestEpoch, stoppedEpoch, bestWeights }, got ${JSON.stringify(state)}`,
          'pass a state returned by stateDict()',
        )
      }
      wait = state.wait
      best = state.best ?? initialBest
      bestEpoch = state.bestEpoch
      stoppedEpoch = state.stoppedEpoch
      bestWeights = state.bestWeights === null ? null : cloneWeights(state.bestWeights)
      resumed = true
    },
  }
}
