import {
  ArgumentError,
  type Module,
  type Plugin,
  type StateDict,
  StateError,
  type Tensor,
} from '@knack/core'

/** `'ema'`: exponential moving average; `'uniform'`: equal-weight running mean (SWA). */
export type AveragingMode = 'ema' | 'uniform'

/** Options of {@link polyak}. */
export interface PolyakOptions {
  /** `'ema'` (default) or `'uniform'`. */
  mode?: AveragingMode
  /** EMA decay `d` in [0, 1] (default 0.999); unused in `'uniform'` mode. */
  decay?: number
  /** Ramp the EMA decay up as `min(d, (1 + t)/(10 + t))` (default false); see {@link polyakDecay}. */
  warmup?: boolean
  /** Optimizer updates to skip before averaging starts (default 0). */
  startStep?: number
  /** Average after every `every`-th update once started (default 1; e.g. an epoch's steps for SWA). */
  every?: number
  /** Average float buffers (BatchNorm running statistics) too, instead of copying them (default false). */
  averageBuffers?: boolean
  /**
   * At `fitEnd`, copy the averaged weights into the model, so that the saved and returned model
   * is the averaged one (default true, as Keras' `use_ema`).
   */
  applyAtEnd?: boolean
  /** Plugin name and state key (default `'polyak'`). */
  name?: string
}

/** What {@link polyak} saves in a checkpoint (the training weights are the checkpoint's model). */
export type PolyakState = {
  mode: AveragingMode
  /** Averaging updates so far (the first one copies the weights). */
  updates: number
  /** The averaged weights and copied buffers by state-dict name, `null` before the first update. */
  average: { [name: string]: Tensor } | null
}

/** The {@link polyak} plugin, with its progress readable. */
export interface Polyak extends Plugin<PolyakState> {
  /** Averaging updates so far. */
  readonly updates: number
  /** Copies of the averaged weights keyed like `model.stateDict()`, or `null` before any. */
  evalWeights(): StateDict | null
}

/**
 * The EMA decay of averaging update number `t` (the first update, t = 0, copies the weights;
 * t ≥ 1 blend): `decay`, or with warmup `min(decay, (1 + t)/(10 + t))`, the `num_updates` ramp
 * of TensorFlow's `ExponentialMovingAverage` that timm's `ModelEma` classes follow, so early
 * averages are not dominated by the random initialization.
 * @see https://www.tensorflow.org/api_docs/python/tf/train/ExponentialMovingAverage
 * @see https://github.com/huggingface/pytorch-image-models/blob/main/timm/utils/model_ema.py
 */
export function polyakDecay(decay: number, t: number, warmup: boolean): number {
  return warmup ? Math.min(decay, (1 + t) / (10 + t)) : decay
}

function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ArgumentError('polyak', `${name} must be an integer ≥ ${min}, got ${value}`)
  }
}

/** The live tensors behind `model.stateDict()`'s names, and which of them are parameters. */
function liveState(model: Module): { tensors: Map<string, Tensor>; params: Set<string> } {
  const tensors = new Map<string, Tensor>()
  const params = new Set<string>()
  for (const [name, param] of model.namedParameters()) {
    tensors.set(name, param)
    params.add(name)
  }
  for (const [name, buffer] of model.namedBuffers()) tensors.set(name, buffer)
  return { tensors, params }
}

function cloneAll(record: { readonly [name: string]: Tensor }): StateDict {
  const out: StateDict = {}
  for (const [name, tensor] of Object.entries(record)) out[name] = tensor.clone()
  return out
}

/**
 * Polyak averaging of the weights as a plugin: after each optimizer update (`afterOptimizerStep`)
 * once `startStep` updates have run, an average of the parameters is updated; the first
 * averaging update copies them, later ones apply, in `'ema'` mode,
 * `avg ← d_t·avg + (1 − d_t)·w` ({@link polyakDecay}), or in `'uniform'` mode (stochastic
 * weight averaging) `avg ← avg + (w − avg)/(n + 1)` for the `n` models averaged so far.
 * Buffers are copied, not averaged, unless `averageBuffers` (recompute BatchNorm statistics
 * for the average when they are not). `evalWeights()` makes the trainer evaluate the average;
 * `applyAtEnd` copies it into the model at `fitEnd`. Checkpoints keep both: the training
 * weights as the model, the average in this plugin's state.
 * @see B. T. Polyak, A. B. Juditsky, "Acceleration of Stochastic Approximation by Averaging", SIAM J. Control Optim. 1992
 * @see P. Izmailov et al., "Averaging Weights Leads to Wider Optima and Better Generalization", UAI 2018, https://arxiv.org/abs/1803.05407
 */
export function polyak(options: PolyakOptions = {}): Polyak {
  const {
    mode = 'ema',
    decay = 0.999,
    warmup = false,
    startStep = 0,
    every = 1,
    averageBuffers = false,
    applyAtEnd = true,
    name = 'polyak',
  } = options
  if (mode !== 'ema' && mode !== 'uniform') {
    throw new ArgumentError(
      'polyak',
      `mode must be 'ema' or 'uniform', got ${JSON.stringify(mode)}`,
    )
  }
  if (typeof decay !== 'number' || !(decay >= 0 && decay <= 1)) {
    throw new ArgumentError(
      'polyak',
      `decay must be in [0, 1], got ${decay}`,
      'typical values are 0.99 to 0.9999',
    )
  }
  checkInteger('startStep', startStep, 0)
  checkInteger('every', every, 1)

  let average: Map<string, Tensor> | null = null
  let updates = 0
  let resumed = false

  const update = (model: Module): void => {
    const { tensors, params } = liveState(model)
    if (average === null) {
      average = new Map()
      for (const key of Object.keys(model.stateDict())) {
        const live = tensors.get(key)
        if (live !== undefined) average.set(key, live.clone())
      }
      updates = 1
      return
    }
    const rate = mode === 'ema' ? 1 - polyakDecay(decay, updates, warmup) : 1 / (updates + 1)
    for (const [key, avg] of average) {
      const live = tensors.get(key)
      if (live === undefined) {
        throw new StateError(
          'polyak',
          `the model no longer has '${key}', which is being averaged`,
          'keep the model architecture fixed while averaging',
        )
      }
      const a = avg.data
      const w = live.data
      if (params.has(key) || (averageBuffers && live.dtype === 'float32')) {
        for (let i = 0; i < a.length; i++) a[i]! += rate * (w[i]! - a[i]!)
      } else {
        a.set(w)
      }
    }
    updates++
  }

  const averaged = (): StateDict | null => {
    if (average === null) return null
    const out: StateDict = {}
    for (const [key, tensor] of average) out[key] = tensor.clone()
    return out
  }

  return {
    name,
    stateKey: name,
    phase: 'setup',
    get updates() {
      return updates
    },
    fitStart() {
      if (resumed) {
        resumed = false
        return
      }
      average = null
      updates = 0
    },
    afterOptimizerStep(ctx) {
      const since = ctx.step - startStep
      if (since > 0 && since % every === 0) update(ctx.model)
    },
    fitEnd(ctx) {
      const weights = averaged()
      if (applyAtEnd && weights !== null) ctx.model.loadStateDict(weights, { strict: false })
    },
    evalWeights: averaged,
    stateDict() {
      return { mode, updates, average: averaged() }
    },
    loadStateDict(state) {
      if (typeof state !== 'object' || state === null || !Number.isInteger(state.updates)) {
        throw new StateError(
          'polyak.loadStateDict',
          `expected { mode, updates, average }, got ${JSON.stringify(state)}`,
          'pass a state returned by stateDict()',
        )
      }
      if (state.mode !== mode) {
        throw new StateError(
          'polyak.loadStateDict',
          `the state was saved in '${state.mode}' mode but this plugin averages in '${mode}' mode`,
          `create the plugin with mode: '${state.mode}'`,
        )
      }
      updates = state.updates
      average = state.average === null ? null : new Map(Object.entries(cloneAll(state.average)))
      resumed = true
    },
  }
}
