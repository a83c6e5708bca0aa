import { ArgumentError, type Plugin, type TrainContext } from '@knack/core'
import {
  type ReduceLROnPlateau,
  type ReduceLROnPlateauOptions,
  type ReduceLROnPlateauState,
  reduceLROnPlateau,
} from './reduce-lr-on-plateau'

/** Options of {@link reduceLROnPlateauPlugin}: the plateau options plus what to watch. */
export interface ReduceLROnPlateauPluginOptions extends Omit<ReduceLROnPlateauOptions, 'lr'> {
  /** Name of the metric in `ctx.logs` to watch at the end of each epoch. Default `'val_loss'`. */
  monitor?: string
  /** Key of this plugin's state in checkpoints. Default `'reduceLROnPlateau'`. */
  stateKey?: string
}

/** The plugin returned by {@link reduceLROnPlateauPlugin}, with its plateau detector. */
export interface ReduceLROnPlateauPlugin extends Plugin<ReduceLROnPlateauState> {
  /** The detector the plugin feeds (its `best`, `numBadEpochs`, … can be logged). */
  readonly plateau: ReduceLROnPlateau
}

/**
 * Plugin (phase `'lr'`) that runs {@link reduceLROnPlateau} on a metric: at each `epochEnd` it
 * reads `ctx.logs[monitor]`, reduces from the optimizer's current `hyper.lr`, and writes the
 * reduced rate back to `ctx.optimizer.hyper.lr`. Its state is saved in checkpoints.
 *
 * @see https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html
 */
export function reduceLROnPlateauPlugin(
  options: ReduceLROnPlateauPluginOptions = {},
): ReduceLROnPlateauPlugin {
  const { monitor = 'val_loss', stateKey = 'reduceLROnPlateau', ...plateauOptions } = options
  const plateau = reduceLROnPlateau(plateauOptions)
  return {
    name: 'reduceLROnPlateau',
    stateKey,
    phase: 'lr',
    plateau,
    epochEnd(ctx: TrainContext): void {
      const metric = ctx.logs[monitor]
      if (typeof metric !== 'number') {
        throw new ArgumentError(
          'reduceLROnPlateau',
          `ctx.logs has no '${monitor}' at the end of epoch ${ctx.epoch} (it has: ${Object.keys(ctx.logs).join(', ') || 'nothing'})`,
          `set monitor to one of those names, or log '${monitor}' during evaluation`,
        )
      }
      const current = ctx.optimizer.hyper.lr
      if (typeof current !== 'number') {
        throw new ArgumentError(
          'reduceLROnPlateau',
          'the optimizer has no hyperparameter lr',
          'use an optimizer with a learning rate',
        )
      }
      const next = plateau.step(metric, current)
      if (next !== current) ctx.optimizer.hyper.lr = next
    },
    stateDict: () => plateau.stateDict(),
    loadStateDict: (state) => plateau.loadStateDict(state),
  }
}
