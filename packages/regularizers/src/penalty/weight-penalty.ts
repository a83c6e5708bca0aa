import type { Plugin, TrainContext } from '@knack/core'
import { checkStrengths, type PenaltyOptions, penalty } from './penalty'

/** Options of {@link weightPenalty}. */
export interface WeightPenaltyOptions extends PenaltyOptions {
  /** Plugin name, state key and log key (default `'penalty'`); unique per trainer. */
  name?: string
}

/**
 * The {@link penalty} as a training plugin: in `afterLoss` it adds `λ₁·Σ|w| + λ₂·Σw²` to
 * `ctx.loss` (so the logged `loss` includes it, as in Keras) and logs the epoch's mean penalty
 * under `name` (default `penalty`). Stateless; phase `setup`.
 * @see https://keras.io/api/layers/regularizers/
 */
export function weightPenalty(options: WeightPenaltyOptions): Plugin {
  const { name = 'penalty', ...penaltyOptions } = options
  checkStrengths('weightPenalty', penaltyOptions)
  let sum = 0
  let count = 0
  return {
    name,
    stateKey: name,
    phase: 'setup',
    epochStart() {
      sum = 0
      count = 0
    },
    afterLoss(ctx: TrainContext) {
      if (ctx.loss === null) return
      const value = penalty(ctx.model, penaltyOptions)
      ctx.loss = ctx.loss.add(value)
      sum += value.item()
      count++
      ctx.logs[name] = sum / count
    },
  }
}
