import { ArgumentError, type Batch, type Module, type Optimizer, Tensor } from '@knack/core'
import { NonFiniteGradientError } from '@knack/optim'
import { checkChoice, checkInteger, checkPositive, checkRange } from './check'

/** Options of {@link findLearningRate}. */
export interface FindLearningRateOptions {
  /** The model to probe; its parameters are restored afterwards. */
  model: Module<[Tensor], Tensor>
  /** An optimizer over the model's parameters; its state and `hyper` are restored afterwards. */
  optimizer: Optimizer
  /**
   * Training batches: an iterable (restarted when exhausted, e.g. a `DataLoader`) or a
   * function returning the batch of sweep step `i`.
   */
  batches: Iterable<Batch> | ((step: number) => Batch)
  /** Scalar loss of the model's outputs against the batch targets (e.g. `crossEntropy`). */
  loss: (outputs: Tensor, targets: Tensor) => Tensor
  /** Learning rate of the first step. Default 1e-7. */
  startLr?: number
  /** Learning rate of the last step. Default 10. */
  endLr?: number
  /** Number of steps of the sweep (fewer when the loss diverges). Default 200. */
  numSteps?: number
  /** EMA factor β of the smoothed loss. Default 0.98. */
  smoothing?: number
  /** Stop once the smoothed loss exceeds this multiple of the best one. Default 4. */
  divergeFactor?: number
  /** How {@link LearningRateFinderResult.suggestedLr} is chosen. Default `'minimum'`. */
  suggestion?: 'steepest' | 'minimum'
}

/** What {@link findLearningRate} measured and suggests. */
export interface LearningRateFinderResult {
  /** Learning rate of each step run. */
  lrs: number[]
  /** Raw training loss of each step (measured before that step's update). */
  losses: number[]
  /** Bias-corrected EMA of `losses`. */
  smoothedLosses: number[]
  /** The suggested learning rate, by the chosen method. */
  suggestedLr: number
  /**
   * Where the smoothed loss falls fastest against `log lr` before its minimum (see
   * {@link findLearningRate}); `null` when the minimum comes within the skipped first steps.
   */
  steepestLr: number | null
  /** Learning rate at the minimum of the smoothed loss. */
  minimumLr: number
  /** Whether the sweep stopped early because the loss diverged (or became non-finite). */
  diverged: boolean
}

/** Deep copy of a state (tensors cloned), so later in-place updates cannot reach it. */
function copyState<T>(value: T): T {
  if (value instanceof Tensor) return value.clone() as T
  if (Array.isArray(value)) return value.map(copyState) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyState(v)])) as T
  }
  return value
}

/**
 * Index in `first … last` where `y` falls fastest against `x`, the slope at `i` taken across
 * `i − k … i + k` (clipped to the data) so that step-to-step noise does not decide.
 */
function steepestIndex(
  x: readonly number[],
  y: readonly number[],
  first: number,
  last: number,
  k: number,
): number {
  let best = first
  let bestSlope = Infinity
  for (let i = first; i <= last; i++) {
    const lo = Math.max(i - k, 0)
    const hi = Math.min(i + k, y.length - 1)
    const slope = (y[hi]! - y[lo]!) / (x[hi]! - x[lo]!)
    if (slope < bestSlope) {
      bestSlope = slope
      best = i
    }
  }
  return best
}

/**
 * The learning-rate range test: trains for up to `numSteps` steps with an exponentially
 * rising rate `lr_i = startLr · (endLr / startLr)^(i / (numSteps − 1))`, tracks the smoothed
 * loss `s_i = a_i / (1 − β^(i+1))` with `a_i = β a_{i−1} + (1 − β) loss_i`, and stops once
 * `s_i > divergeFactor · min s` (or a loss or gradient is not finite). Suggestion `'minimum'`
 * (the default, fastai's `lr_min`): the rate at the minimum of `s`, divided by 10. `'steepest'`
 * (Smith's): the rate where `s` falls fastest against `log lr` before its minimum, each slope
 * taken across ±⌈numSteps/40⌉ steps and the first ⌈numSteps/20⌉ steps (where the average rests
 * on few losses) skipped; it falls back to `'minimum'` when the minimum comes that early. It is
 * the more cautious rule: on easy tasks it can sit orders of magnitude below divergence. The
 * model's parameters and buffers, its train/eval modes and the optimizer's state are restored
 * afterwards (also on an exception); parameter gradients are cleared.
 *
 * @see Smith, Cyclical Learning Rates for Training Neural Networks, 2017, §3.3. https://arxiv.org/abs/1506.01186
 * @see https://docs.fast.ai/callback.schedule.html#lrfinder
 */
export function findLearningRate(options: FindLearningRateOptions): LearningRateFinderResult {
  const {
    model,
    optimizer,
    batches,
    loss,
    startLr = 1e-7,
    endLr = 10,
    numSteps = 200,
    smoothing = 0.98,
    divergeFactor = 4,
    suggestion = 'minimum',
  } = options
  const op = 'findLearningRate'
  checkPositive(op, 'startLr', startLr)
  checkPositive(op, 'endLr', endLr)
  if (endLr <= startLr) {
    throw new ArgumentError(
      op,
      `endLr (${endLr}) must be above startLr (${startLr})`,
      'the sweep raises the rate',
    )
  }
  checkInteger(op, 'numSteps', numSteps, 2)
  checkRange(op, 'smoothing', smoothing, 0, 1 - Number.EPSILON)
  checkPositive(op, 'divergeFactor', divergeFactor)
  checkChoice(op, 'suggestion', suggestion, ['steepest', 'minimum'])
  if (typeof optimizer.hyper.lr !== 'number') {
    throw new ArgumentError(
      op,
      'the optimizer has no hyperparameter lr',
      'pass an optimizer with an lr',
    )
  }

  const next = batchSource(batches)
  const savedModel = model.stateDict()
  const savedModes = model.modules().map((m) => [m, m.training] as const)
  const savedOptimizer = copyState(optimizer.stateDict())

  const lrs: number[] = []
  const losses: number[] = []
  const smoothedLosses: number[] = []
  let diverged = false
  try {
    model.train()
    const ratio = endLr / startLr
    let avg = 0
    let best = Infinity
    for (let i = 0; i < numSteps; i++) {
      const lr = startLr * ratio ** (i / (numSteps - 1))
      optimizer.hyper.lr = lr
      optimizer.zeroGrad()
      const batch = next(i)
      const value = loss(model.forward(batch.inputs), batch.targets)
      const raw = value.item()
      if (!Number.isFinite(raw)) {
        diverged = true
        break
      }
      value.backward()
      try {
        optimizer.step()
      } catch (error) {
        if (!(error instanceof NonFiniteGradientError)) throw error
        diverged = true
        break
      }
      avg = smoothing * avg + (1 - smoothing) * raw
      const smoothed = avg / (1 - smoothing ** (i + 1))
      lrs.push(lr)
      losses.push(raw)
      smoothedLosses.push(smoothed)
      if (smoothed < best) best = smoothed
      if (smoothed > divergeFactor * best) {
        diverged = true
        break
      }
    }
  } finally {
    model.loadStateDict(savedModel)
    for (const [m, training] of savedModes) m.training = training
    optimizer.loadStateDict(savedOptimizer)
    optimizer.zeroGrad()
  }

  if (lrs.length === 0) {
    throw new ArgumentError(
      op,
      `the loss was not finite at the first step (lr ${startLr})`,
      'check the model and the loss on one batch, or lower startLr',
    )
  }
  let iMin = 0
  for (let i = 1; i < smoothedLosses.length; i++) {
    if (smoothedLosses[i]! < smoothedLosses[iMin]!) iMin = i
  }
  const minimumLr = lrs[iMin]!
  const skip = Math.ceil(numSteps / 20)
  const logLrs = lrs.map(Math.log)
  const steepestLr =
    iMin > skip
      ? lrs[steepestIndex(logLrs, smoothedLosses, skip, iMin, Math.ceil(numSteps / 40))]!
      : null
  const suggestedLr = suggestion === 'steepest' && steepestLr !== null ? steepestLr : minimumLr / 10
  return { lrs, losses, smoothedLosses, suggestedLr, steepestLr, minimumLr, diverged }
}

/** A function giving the batch of step `i`, from an iterable (restarted when exhausted) or a function. */
function batchSource(batches: FindLearningRateOptions['batches']): (step: number) => Batch {
  if (typeof batches === 'function') return batches
  if (batches == null || typeof (batches as Iterable<Batch>)[Symbol.iterator] !== 'function') {
    throw new ArgumentError(
      'findLearningRate',
      `batches must be an iterable of batches or a function (step) => batch, got ${typeof batches}`,
    )
  }
  let it = batches[Symbol.iterator]()
  return () => {
    let r = it.next()
    if (r.done) {
      it = batches[Symbol.iterator]()
      r = it.next()
      if (r.done) {
        throw new ArgumentError(
          'findLearningRate',
          'batches yielded no batch',
          'pass a non-empty data source',
        )
      }
    }
    return r.value
  }
}
