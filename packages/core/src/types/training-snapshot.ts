import type { StateDict } from '../nn/module'
import type { GeneratorState } from '../random/generator'
import type { OptimizerState } from './optimizer'
import type { PluginState } from './plugin'

/**
 * Everything needed to resume a run exactly: what a checkpoint holds (DESIGN.md: `{version,
 * step, epoch, rng, model, optimizer, plugins}`). Schedules are not stored: they are
 * recomputed from `step`.
 */
export interface TrainingSnapshot {
  /** Format version, 1. */
  version: 1
  /** Optimizer updates applied so far. */
  step: number
  /** Epochs completed. */
  epoch: number
  /** Generator states: the process-wide default one and the trainer's own. */
  rng: { default: GeneratorState; trainer: GeneratorState }
  model: StateDict
  optimizer: OptimizerState
  /** Each stateful plugin's state under its `stateKey`. */
  plugins: Record<string, PluginState>
  /** The logs of every finished epoch. */
  history: Record<string, number>[]
}
