import { ArgumentError, type Plugin, type TrainContext } from '@knack/core'
import { listCheckpoints, removeCheckpoint, saveCheckpoint } from './checkpoint-store'

/** Options of {@link checkpoint}. */
export interface CheckpointOptions {
  /** Directory of the run's checkpoints. */
  dir: string
  /** Save every `every` epochs (default 1). */
  every?: number
  /** How many periodic checkpoints to keep, newest first (default 3). */
  keepLast?: number
  /** Also keep the checkpoint with the best value of a logged metric. */
  saveBest?: { monitor: string; mode: 'min' | 'max' }
  /** Plugin name (default `checkpoint`). */
  name?: string
}

const folderName = (prefix: string, epoch: number) =>
  `${prefix}epoch-${String(epoch).padStart(4, '0')}`

/**
 * Saves the full training state at the end of epochs: the model as safetensors plus a JSON
 * state (step, epoch, RNG, optimizer and plugin states), written atomically; `Trainer.fit(…,
 * { resumeFrom: await loadCheckpoint(dir) })` continues the run bit-identically.
 */
export function checkpoint(options: CheckpointOptions): Plugin {
  const { dir, every = 1, keepLast = 3, saveBest, name = 'checkpoint' } = options
  if (!Number.isInteger(every) || every < 1 || !Number.isInteger(keepLast) || keepLast < 1) {
    throw new ArgumentError(
      'checkpoint',
      `every and keepLast must be positive integers, got every=${every}, keepLast=${keepLast}`,
    )
  }
  let best: number | null = null
  return {
    name,
    stateKey: name,
    phase: 'checkpoint',
    async epochEnd(ctx: TrainContext) {
      const completed = ctx.epoch + 1
      const periodic = completed % every === 0 || completed === ctx.maxEpochs
      let improved = false
      if (saveBest) {
        const value = ctx.logs[saveBest.monitor]
        if (value === undefined) {
          throw new ArgumentError(
            'checkpoint',
            `saveBest monitors '${saveBest.monitor}', which is not in the logs (${Object.keys(ctx.logs).join(', ')})`,
            'monitor a logged value such as val_loss (pass validation data to fit)',
          )
        }
        improved = best === null || (saveBest.mode === 'min' ? value < best : value > best)
        if (improved) best = value
      }
      if (!periodic && !improved) return
      const snapshot = ctx.snapshot()
      if (periodic) {
        await saveCheckpoint(dir, folderName('', completed), snapshot)
        const old = (await listCheckpoints(dir, 'epoch-')).slice(0, -keepLast)
        for (const folder of old) await removeCheckpoint(dir, folder)
      }
      if (improved) {
        const folder = folderName('best-', completed)
        await saveCheckpoint(dir, folder, snapshot)
        for (const previous of await listCheckpoints(dir, 'best-')) {
          if (previous !== folder) await removeCheckpoint(dir, previous)
        }
      }
    },
    stateDict() {
      return { best }
    },
    loadStateDict(state) {
      best = typeof state.best === 'number' ? state.best : null
    },
  }
}
