import type { Tensor } from '../tensor'

/** Serializable optimizer state: the step count and per-parameter buffers keyed by name. */
export interface OptimizerState {
  step: number
  /** Buffers by parameter name, then by buffer name (e.g. `exp_avg`). */
  buffers: Record<string, Record<string, Tensor>>
  /** Hyperparameter values that were set by hand (not by a schedule). */
  hyper: Record<string, number>
  /**
   * Other numbers of the state by path (update counts, accumulation counters), for
   * optimizers that keep any.
   */
  scalars?: Record<string, number>
}

/**
 * A stateful optimizer bound to named parameters, as the trainer and plugins see it.
 * Implemented by `@knack/optim`.
 */
export interface Optimizer {
  /** Current hyperparameter values by name (`lr`, `momentum`, …), readable and writable. */
  readonly hyper: Record<string, number>
  /** Number of updates applied so far. */
  readonly stepCount: number
  /** Applies one update from the parameters' `.grad`. */
  step(): void
  /** Sets every parameter's `.grad` to `null`. */
  zeroGrad(): void
  stateDict(): OptimizerState
  loadStateDict(state: OptimizerState): void
}
