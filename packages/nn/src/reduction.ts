import {
  ArgumentError,
  DTypeError,
  formatShape,
  mean,
  type Reduction,
  ShapeError,
  sum,
  type Tensor,
} from '@knack/core'

/** Throws unless `reduction` is `'mean'`, `'sum'` or `'none'` (for untyped callers). @internal */
export function checkReduction(op: string, reduction: unknown): asserts reduction is Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new ArgumentError(
      op,
      `unknown reduction ${JSON.stringify(reduction)}`,
      "use 'mean', 'sum' or 'none'",
    )
  }
}

/** Combines per-element losses: their mean, their sum, or themselves (`'none'`). @internal */
export function reduceLoss(losses: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return losses
  return reduction === 'sum' ? sum(losses) : mean(losses)
}

/** Throws unless `input` and `target` are float32 tensors of one shape. @internal */
export function checkPair(op: string, input: Tensor, target: Tensor): void {
  if (input.dtype !== 'float32' || target.dtype !== 'float32') {
    throw new DTypeError(
      op,
      `expected float32 input and target, got ${input.dtype} and ${target.dtype}`,
      'convert with .toFloat()',
    )
  }
  const same = input.ndim === target.ndim && input.shape.every((d, i) => d === target.shape[i])
  if (!same) {
    throw new ShapeError(
      op,
      `input ${formatShape(input.shape)} and target ${formatShape(target.shape)} differ in shape`,
      'reshape the target to the input shape (e.g. [N] vs [N,1] is a common slip)',
    )
  }
}
