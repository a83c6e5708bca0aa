import type { BatchTransform, Plugin, TrainContext } from '@knack/core'

/** Options of {@link augmentation}. */
export interface AugmentationPluginOptions {
  /** The plugin's name (default `'augmentation'`); give each augmentation plugin its own. */
  name?: string
  /** Key of the plugin in checkpoints (default: the name). It keeps no state of its own. */
  stateKey?: string
  /** Order among the `'setup'` plugins, lower first (default 0). */
  priority?: number
}

/**
 * Plugin (phase `'setup'`) that augments every training batch: at `batchStart` it replaces
 * `ctx.batch` by `transform(ctx.batch, ctx.generator)`. The trainer checkpoints `ctx.generator`,
 * so a resumed run draws the same augmentations.
 */
export function augmentation(
  transform: BatchTransform,
  options: AugmentationPluginOptions = {},
): Plugin {
  const { name = 'augmentation', stateKey = name, priority = 0 } = options
  return {
    name,
    stateKey,
    phase: 'setup',
    priority,
    batchStart(ctx: TrainContext): void {
      if (ctx.batch !== null) ctx.batch = transform(ctx.batch, ctx.generator)
    },
  }
}
