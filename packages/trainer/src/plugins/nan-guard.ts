import { ArgumentError, KnackError, type Plugin } from '@knack/core'

/** Options of {@link nanGuard}. */
export interface NanGuardOptions {
  /** Stop training after this many skipped updates in a row (default 5). */
  maxConsecutive?: number
  name?: string
}

const firstNonFinite = (data: ArrayLike<number>): number => {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) return i
  return -1
}

/**
 * Refuses updates computed from non-finite numbers: a NaN/Inf loss skips the batch, a NaN/Inf
 * gradient skips the step naming the first offending parameter; after `maxConsecutive`
 * skipped updates in a row, training stops. Skips are counted in the log `skipped_steps`.
 */
export function nanGuard(options: NanGuardOptions = {}): Plugin {
  const { maxConsecutive = 5, name = 'nanGuard' } = options
  if (!Number.isInteger(maxConsecutive) || maxConsecutive < 1) {
    throw new ArgumentError(
      'nanGuard',
      `maxConsecutive must be a positive integer, got ${maxConsecutive}`,
    )
  }
  let consecutive = 0
  let skipped = 0
  let lastReason = ''
  const skip = (reason: string) => {
    lastReason = reason
  }
  return {
    name,
    stateKey: name,
    phase: 'setup',
    priority: -100,
    epochStart() {
      skipped = 0
    },
    afterLoss(ctx) {
      const value = ctx.loss?.item()
      if (value !== undefined && !Number.isFinite(value)) {
        skip(`non-finite loss ${value} at step ${ctx.step}`)
        ctx.control.skipBatch(lastReason)
        ctx.control.skipStep(lastReason)
      }
    },
    beforeOptimizerStep(ctx) {
      for (const [paramName, p] of ctx.model.namedParameters()) {
        if (p.grad === null) continue
        const i = firstNonFinite(p.grad.data)
        if (i >= 0) {
          skip(
            `non-finite gradient ${p.grad.data[i]} in ${paramName} (element ${i}) at step ${ctx.step}`,
          )
          ctx.control.skipStep(lastReason)
          return
        }
      }
    },
    batchEnd(ctx) {
      if (!ctx.isUpdateBoundary) return
      if (ctx.control.stepSkipped && lastReason) {
        consecutive++
        skipped++
        ctx.logs.skipped_steps = skipped
        if (consecutive >= maxConsecutive) {
          ctx.control.stopTraining(
            new KnackError(
              'nanGuard',
              `${consecutive} updates in a row were skipped; last: ${lastReason}`,
              'lower the learning rate, add gradient clipping, or check the data for NaN',
            ).message,
          )
        }
      } else {
        consecutive = 0
      }
      lastReason = ''
    },
    stateDict() {
      return { consecutive }
    },
    loadStateDict(state) {
      consecutive = typeof state.consecutive === 'number' ? state.consecutive : 0
    },
  }
}
