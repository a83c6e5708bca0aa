import { ArgumentError, Generator, permutation, type Tensor } from '@knack/core'
import type { Dataset } from './dataset'
import { Subset } from './subset'

/**
 * Turns `lengths` (counts summing to `n`, or fractions summing to 1) into counts; fractional
 * remainders go to the first parts, as PyTorch's `random_split` does.
 */
function partSizes(op: string, n: number, lengths: readonly number[]): number[] {
  const total = lengths.reduce((a, b) => a + b, 0)
  if (lengths.some((l) => l < 0 || !Number.isFinite(l))) {
    throw new ArgumentError(op, `lengths must be non-negative, got [${lengths.join(', ')}]`)
  }
  if (lengths.every(Number.isInteger) && total === n) return [...lengths]
  if (Math.abs(total - 1) > 1e-9) {
    throw new ArgumentError(
      op,
      `lengths [${lengths.join(', ')}] neither sum to the ${n} examples nor to 1`,
      'give counts that add up to the dataset size, or fractions that add up to 1',
    )
  }
  const sizes = lengths.map((f) => Math.floor(f * n))
  let rest = n - sizes.reduce((a, b) => a + b, 0)
  for (let i = 0; rest > 0; i = (i + 1) % sizes.length, rest--) sizes[i]!++
  return sizes
}

/** Splits `dataset` into random non-overlapping subsets of the given sizes or fractions. */
export function randomSplit(dataset: Dataset, lengths: readonly number[], seed = 0): Subset[] {
  const sizes = partSizes('randomSplit', dataset.length, lengths)
  const order = permutation(dataset.length, new Generator(seed))
  let start = 0
  return sizes.map((size) => {
    const part = new Subset(dataset, order.slice(start, start + size))
    start += size
    return part
  })
}

/**
 * Splits `dataset` into subsets that each keep the class proportions of `labels` (int32, one
 * per example): every class is shuffled and divided by the same fractions.
 */
export function stratifiedSplit(
  dataset: Dataset,
  labels: Tensor,
  fractions: readonly number[],
  seed = 0,
): Subset[] {
  if (labels.size !== dataset.length || labels.dtype !== 'int32') {
    throw new ArgumentError(
      'stratifiedSplit',
      `labels must be ${dataset.length} int32 values, got ${labels.size} ${labels.dtype} values`,
    )
  }
  const byClass = new Map<number, number[]>()
  for (let i = 0; i < labels.size; i++) {
    const c = labels.data[i]!
    const members = byClass.get(c)
    if (members) members.push(i)
    else byClass.set(c, [i])
  }
  const generator = new Generator(seed)
  const parts: number[][] = fractions.map(() => [])
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(c)!
    const order = permutation(members.length, generator)
    const sizes = partSizes('stratifiedSplit', members.length, fractions)
    let start = 0
    sizes.forEach((size, p) => {
      for (let k = start; k < start + size; k++) parts[p]!.push(members[order[k]!]!)
      start += size
    })
  }
  return parts.map((indices) => new Subset(dataset, Int32Array.from(indices.sort((a, b) => a - b))))
}
