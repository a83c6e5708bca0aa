import { formatShape, ShapeError, type Tensor } from '@knack/core'

/**
 * The class index of each row of `targets`: int32 labels as they are, soft (probability)
 * targets by their largest entry. `rows` and `classes` come from the `[N, C]` outputs.
 */
export function classTargets(
  op: string,
  targets: Tensor,
  rows: number,
  classes: number,
): Int32Array {
  if (targets.dtype === 'int32' && targets.size === rows) return targets.data as Int32Array
  if (targets.dtype === 'float32' && targets.size === rows * classes) {
    const labels = new Int32Array(rows)
    for (let r = 0; r < rows; r++) {
      let best = 0
      for (let c = 1; c < classes; c++) {
        if (targets.data[r * classes + c]! > targets.data[r * classes + best]!) best = c
      }
      labels[r] = best
    }
    return labels
  }
  throw new ShapeError(
    op,
    `targets ${formatShape(targets.shape)} (${targets.dtype}) do not match outputs of ${rows} rows × ${classes} classes`,
    'pass int32 class indices [N] or float32 probabilities [N, C]',
  )
}

/** Rows and classes of `[N, C]` outputs. */
export function outputRows(op: string, outputs: Tensor): [number, number] {
  if (outputs.ndim !== 2) {
    throw new ShapeError(op, `outputs must be [N, C] scores, got ${formatShape(outputs.shape)}`)
  }
  return [outputs.shape[0]!, outputs.shape[1]!]
}
