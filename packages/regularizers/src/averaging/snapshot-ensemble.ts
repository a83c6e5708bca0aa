import {
  ArgumentError,
  type Module,
  type Plugin,
  type StateDict,
  StateError,
  type Tensor,
} from '@knack/core'
import { Ensemble, type EnsembleOptions } from './ensemble'

/** Options of {@link snapshotEnsemble}. */
export interface SnapshotEnsembleOptions {
  /** Epochs per learning-rate cycle; a snapshot is taken at the end of each cycle. */
  cycleLength: number
  /** Keep only the last `maxSnapshots` snapshots (default: all). */
  maxSnapshots?: number
  /** Plugin name and state key (default `'snapshotEnsemble'`). */
  name?: string
}

/** What {@link snapshotEnsemble} saves in a checkpoint. */
export type SnapshotEnsembleState = {
  /** The kept snapshots, oldest first. */
  snapshots: { [name: string]: Tensor }[]
  /** The epoch (0-based) each snapshot was taken at. */
  epochs: number[]
}

/** The {@link snapshotEnsemble} plugin. */
export interface SnapshotEnsemble extends Plugin<SnapshotEnsembleState> {
  /** Copies of the kept snapshots, oldest first. */
  snapshots(): StateDict[]
  /** The epoch (0-based) each kept snapshot was taken at. */
  readonly epochs: readonly number[]
  /**
   * An {@link Ensemble} of the snapshots: one fresh model per snapshot from `makeModel()`
   * (same architecture), loaded with the snapshot and put in eval mode.
   */
  toEnsemble(makeModel: () => Module<[Tensor], Tensor>, options?: EnsembleOptions): Ensemble
}

function cloneState(state: { readonly [name: string]: Tensor }): StateDict {
  const out: StateDict = {}
  for (const [name, tensor] of Object.entries(state)) out[name] = tensor.clone()
  return out
}

/**
 * Snapshot ensembles: keeps a copy of the model's state at the end of every `cycleLength`-th
 * epoch (epochs `cycleLength − 1`, `2·cycleLength − 1`, …, 0-based), i.e. at the low point of
 * each cycle of a cyclic cosine learning rate, and builds an {@link Ensemble} of them, "M models
 * for the price of one". Pair it with warm restarts whose period is `cycleLength` epochs (e.g.
 * `@knack/schedulers`' cosine with warm restarts, `T0 = cycleLength × steps per epoch`).
 * Phase `checkpoint`; snapshots are kept in checkpoints.
 * @see G. Huang et al., "Snapshot Ensembles: Train 1, get M for free", ICLR 2017, https://arxiv.org/abs/1704.00109
 */
export function snapshotEnsemble(options: SnapshotEnsembleOptions): SnapshotEnsemble {
  const { cycleLength, maxSnapshots = Infinity, name = 'snapshotEnsemble' } = options
  if (!Number.isInteger(cycleLength) || cycleLength < 1) {
    throw new ArgumentError(
      'snapshotEnsemble',
      `cycleLength must be a positive integer number of epochs, got ${cycleLength}`,
    )
  }
  if (maxSnapshots !== Infinity && (!Number.isInteger(maxSnapshots) || maxSnapshots < 1)) {
    throw new ArgumentError(
      'snapshotEnsemble',
      `maxSnapshots must be a positive integer, got ${maxSnapshots}`,
    )
  }
  let snapshots: StateDict[] = []
  let epochs: number[] = []
  let resumed = false

  return {
    name,
    stateKey: name,
    phase: 'checkpoint',
    get epochs() {
      return epochs
    },
    snapshots: () => snapshots.map(cloneState),
    fitStart() {
      if (resumed) {
        resumed = false
        return
      }
      snapshots = []
      epochs = []
    },
    epochEnd(ctx) {
      if ((ctx.epoch + 1) % cycleLength !== 0) return
      snapshots.push(ctx.model.stateDict())
      epochs.push(ctx.epoch)
      if (snapshots.length > maxSnapshots) {
        snapshots.shift()
        epochs.shift()
      }
    },
    toEnsemble(makeModel, ensembleOptions) {
      if (snapshots.length === 0) {
        throw new StateError(
          'snapshotEnsemble.toEnsemble',
          'no snapshot has been taken yet',
          `train for at least cycleLength = ${cycleLength} epochs`,
        )
      }
      const members = snapshots.map((state) => {
        const model = makeModel()
        model.loadStateDict(state)
        return model.eval()
      })
      return new Ensemble(members, ensembleOptions).eval()
    },
    stateDict() {
      return { snapshots: snapshots.map(cloneState), epochs: [...epochs] }
    },
    loadStateDict(state) {
      if (
        typeof state !== 'object' ||
        state === null ||
        !Array.isArray(state.snapshots) ||
        !Array.isArray(state.epochs) ||
        state.snapshots.length !== state.epochs.length
      ) {
        throw new StateError(
          'snapshotEnsemble.loadStateDict',
          'expected { snapshots, epochs } with one epoch per snapshot',
          'pass a state returned by stateDict()',
        )
      }
      snapshots = state.snapshots.map(cloneState)
      epochs = [...state.epochs]
      resumed = true
    },
  }
}
