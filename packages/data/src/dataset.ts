import type { Batch } from '@knack/core'

/**
 * A source of examples addressed by index, read a batch at a time. `getBatch` gathers the
 * rows named by `indices` (in that order) into one `{ inputs, targets }` batch.
 */
export interface Dataset {
  /** Number of examples. */
  readonly length: number
  getBatch(indices: Int32Array): Batch
}
