import { ArgumentError } from '../../errors'

/**
 * How a loss combines its per-element values: `'mean'` (default of every loss), `'sum'`, or
 * `'none'` (one value per element, no reduction), as in PyTorch.
 */
export type Reduction = 'mean' | 'sum' | 'none'

/** Throws unless `reduction` is one of `'mean'`, `'sum'`, `'none'` (for untyped callers). */
export function checkReduction(op: string, reduction: unknown): asserts reduction is Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new ArgumentError(
      op,
      `unknown reduction ${JSON.stringify(reduction)}`,
      "use 'mean', 'sum' or 'none'",
    )
  }
}
