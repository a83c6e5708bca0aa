import { ArgumentError, StateError } from '@knack/core'
import { checkChoice, checkFinite, checkInteger, checkNonNegative } from './check'

/** Options of {@link reduceLROnPlateau}; defaults are PyTorch's. */
export interface ReduceLROnPlateauOptions {
  /** Learning rate before any reduction. Default 1 (the returned value is then a factor). */
  lr?: number
  /** `'min'`: the metric should fall (a loss); `'max'`: it should rise (an accuracy). Default `'min'`. */
  mode?: 'min' | 'max'
  /** Multiplier applied on a plateau: `lr ← max(lr · factor, minLr)`. Default 0.1. */
  factor?: number
  /** Number of epochs without improvement tolerated; the next one reduces. Default 10. */
  patience?: number
  /** Smallest change that counts as an improvement. Default 1e-4. */
  threshold?: number
  /**
   * `'rel'`: better means beyond `best · (1 ∓ threshold)`; `'abs'`: beyond `best ∓ threshold`.
   * Default `'rel'`.
   */
  thresholdMode?: 'rel' | 'abs'
  /** Number of epochs after a reduction during which bad epochs are not counted. Default 0. */
  cooldown?: number
  /** Lower bound of the learning rate. Default 0. */
  minLr?: number
  /** A reduction smaller than `eps` is skipped. Default 1e-8. */
  eps?: number
}

/** Serializable state of a {@link ReduceLROnPlateau} (JSON-safe: `best` is `null` before the first metric). */
export type ReduceLROnPlateauState = {
  lr: number
  best: number | null
  numBadEpochs: number
  cooldownCounter: number
  lastEpoch: number
}

/** A stateful plateau detector returned by {@link reduceLROnPlateau}. */
export interface ReduceLROnPlateau {
  /** Current learning rate. */
  readonly lr: number
  /** Best metric seen so far (`±Infinity` before the first one). */
  readonly best: number
  /** Epochs since the last improvement (reset by a reduction and during cooldown). */
  readonly numBadEpochs: number
  /** Epochs of cooldown left. */
  readonly cooldownCounter: number
  /** Number of metrics seen. */
  readonly lastEpoch: number
  /**
   * Feeds the metric of one epoch and returns the learning rate to use next. Pass `lr` when
   * something else may have changed the rate since the last call (as PyTorch reads the
   * optimizer's current rate before reducing it).
   */
  step(metric: number, lr?: number): number
  stateDict(): ReduceLROnPlateauState
  loadStateDict(state: ReduceLROnPlateauState): void
}

/**
 * Reduces the learning rate when a metric stops improving, with exactly PyTorch's
 * `ReduceLROnPlateau` semantics: an epoch is better when `metric < best·(1 − threshold)`
 * (min/rel), `metric < best − threshold` (min/abs), `metric > best·(1 + threshold)` (max/rel)
 * or `metric > best + threshold` (max/abs); after more than `patience` epochs that are not,
 * `lr ← max(lr · factor, minLr)` (skipped when the change is at most `eps`), then `cooldown`
 * epochs in which bad epochs are not counted. A NaN metric is a bad epoch.
 *
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html
 */
export function reduceLROnPlateau(options: ReduceLROnPlateauOptions = {}): ReduceLROnPlateau {
  const {
    lr: initialLr = 1,
    mode = 'min',
    factor = 0.1,
    patience = 10,
    threshold = 1e-4,
    thresholdMode = 'rel',
    cooldown = 0,
    minLr = 0,
    eps = 1e-8,
  } = options
  const op = 'reduceLROnPlateau'
  checkFinite(op, 'lr', initialLr)
  checkChoice(op, 'mode', mode, ['min', 'max'])
  if (typeof factor !== 'number' || !(factor >= 0 && factor < 1)) {
    throw new ArgumentError(
      op,
      `factor must lie in [0, 1), got ${String(factor)}`,
      'a plateau multiplies the rate by factor; pass e.g. 0.1 or 0.5',
    )
  }
  checkInteger(op, 'patience', patience, 0)
  checkNonNegative(op, 'threshold', threshold)
  checkChoice(op, 'thresholdMode', thresholdMode, ['rel', 'abs'])
  checkInteger(op, 'cooldown', cooldown, 0)
  checkNonNegative(op, 'minLr', minLr)
  checkNonNegative(op, 'eps', eps)

  const worst = mode === 'min' ? Infinity : -Infinity
  const isBetter = (a: number, best: number): boolean => {
    if (mode === 'min')
      return thresholdMode === 'rel' ? a < best * (1 - threshold) : a < best - threshold
    return thresholdMode === 'rel' ? a > best * (threshold + 1) : a > best + threshold
  }

  let lr = initialLr
  let best = worst
  let numBadEpochs = 0
  let cooldownCounter = 0
  let lastEpoch = 0

  return {
    get lr() {
      return lr
    },
    get best() {
      return best
    },
    get numBadEpochs() {
      return numBadEpochs
    },
    get cooldownCounter() {
      return cooldownCounter
    },
    get lastEpoch() {
      return lastEpoch
    },
    step(metric: number, current?: number): number {
      if (typeof metric !== 'number') {
        throw new ArgumentError(
          op,
          `step needs the metric as a number, got ${typeof metric}`,
          'convert a 0-d tensor with .item()',
        )
      }
      if (current !== undefined) {
        checkFinite(op, 'lr', current)
        lr = current
      }
      lastEpoch += 1
      if (isBetter(metric, best)) {
        best = metric
        numBadEpochs = 0
      } else {
        numBadEpochs += 1
      }
      if (cooldownCounter > 0) {
        cooldownCounter -= 1
        numBadEpochs = 0
      }
      if (numBadEpochs > patience) {
        const reduced = Math.max(lr * factor, minLr)
        if (lr - reduced > eps) lr = reduced
        cooldownCounter = cooldown
        numBadEpochs = 0
      }
      return lr
    },
    stateDict(): ReduceLROnPlateauState {
      return { lr, best: best === worst ? null : best, numBadEpochs, cooldownCounter, lastEpoch }
    },
    loadStateDict(state: ReduceLROnPlateauState): void {
      const s = state as Partial<ReduceLROnPlateauState> | null
      const count = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0
      if (
        s === null ||
        typeof s !== 'object' ||
        typeof s.lr !== 'number' ||
        !Number.isFinite(s.lr) ||
        !(s.best === null || typeof s.best === 'number') ||
        !count(s.numBadEpochs) ||
        !count(s.cooldownCounter) ||
        !count(s.lastEpoch)
      ) {
        throw new StateError(
          `${op}.loadStateDict`,
          `malformed state ${JSON.stringify(state)}`,
          'pass an object returned by stateDict(): {lr, best, numBadEpochs, cooldownCounter, lastEpoch}',
        )
      }
      lr = s.lr
      best = s.best === null ? worst : s.best
      numBadEpochs = s.numBadEpochs
      cooldownCounter = s.cooldownCounter
      lastEpoch = s.lastEpoch
    },
  }
}
