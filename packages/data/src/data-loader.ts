import { ArgumentError, type Batch, type BatchTransform, Generator, permutation } from '@knack/core'
import type { Dataset } from './dataset'

/** Options of {@link DataLoader}. */
export interface DataLoaderOptions {
  /** Examples per batch. */
  batchSize: number
  /** Visit the examples in a new seeded random order each epoch (default false). */
  shuffle?: boolean
  /** Drop the last batch when it is smaller than `batchSize` (default false). */
  dropLast?: boolean
  /** Seed of the shuffle and of the transforms' generators (default 0). */
  seed?: number
  /**
   * Applied to every batch as it is produced (augmentation, mixup, …), with a generator seeded
   * from `seed`, the epoch and the batch index, so a resumed run draws the same randomness.
   */
  transform?: BatchTransform
}

/** Derives a well-mixed 32-bit seed from a base seed and counters (each below 2²¹). */
function deriveSeed(seed: number, ...counters: number[]): number {
  let s = new Generator(seed).nextUint32()
  for (const c of counters) s = new Generator((c % 2097152) * 4294967296 + s).nextUint32()
  return s
}

/**
 * Iterates a dataset in batches (PyTorch's `DataLoader`). The order of epoch `e` depends only
 * on `seed` and `e`, so training resumed at an epoch boundary sees the same batches: each
 * iteration uses the current epoch and then advances it; `setEpoch` chooses it explicitly.
 */
export class DataLoader implements Iterable<Batch> {
  readonly dataset: Dataset
  readonly batchSize: number
  readonly shuffle: boolean
  readonly dropLast: boolean
  readonly seed: number
  readonly transform: BatchTransform | undefined
  /** The epoch the next iteration will produce. */
  epoch = 0

  constructor(dataset: Dataset, options: DataLoaderOptions) {
    const { batchSize, shuffle = false, dropLast = false, seed = 0, transform } = options
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new ArgumentError(
        'DataLoader',
        `batchSize must be a positive integer, got ${batchSize}`,
      )
    }
    if (!Number.isSafeInteger(seed)) {
      throw new ArgumentError('DataLoader', `seed must be a safe integer, got ${seed}`)
    }
    this.dataset = dataset
    this.batchSize = batchSize
    this.shuffle = shuffle
    this.dropLast = dropLast
    this.seed = seed
    this.transform = transform
  }

  /** Number of batches in one epoch. */
  get length(): number {
    const n = this.dataset.length / this.batchSize
    return this.dropLast ? Math.floor(n) : Math.ceil(n)
  }

  /** Sets the epoch the next iteration produces (for resuming and for distributed shards). */
  setEpoch(epoch: number): void {
    if (!Number.isInteger(epoch) || epoch < 0) {
      throw new ArgumentError(
        'DataLoader.setEpoch',
        `epoch must be a non-negative integer, got ${epoch}`,
      )
    }
    this.epoch = epoch
  }

  /** The order in which epoch `epoch` visits the examples. */
  order(epoch: number): Int32Array {
    const n = this.dataset.length
    if (!this.shuffle) return Int32Array.from({ length: n }, (_, i) => i)
    return permutation(n, new Generator(deriveSeed(this.seed, epoch)))
  }

  *[Symbol.iterator](): Iterator<Batch> {
    const epoch = this.epoch
    this.epoch = epoch + 1
    const order = this.order(epoch)
    for (let b = 0; b < this.length; b++) {
      const indices = order.subarray(b * this.batchSize, (b + 1) * this.batchSize)
      const batch = this.dataset.getBatch(indices)
      yield this.transform
        ? this.transform(batch, new Generator(deriveSeed(this.seed, epoch, b + 1)))
        : batch
    }
  }
}
