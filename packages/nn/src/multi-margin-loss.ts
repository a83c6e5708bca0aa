import {
  ArgumentError,
  DTypeError,
  formatShape,
  Module,
  type Reduction,
  recordOp,
  ShapeError,
  Tensor,
} from '@knack/core'
import { checkReduction, reduceLoss } from './reduction'

/** Options of {@link multiMarginLoss}. */
export interface MultiMarginLossOptions {
  /** Exponent of the hinge, 1 or 2 (default 1). */
  p?: 1 | 2
  /** Margin the target score must beat every other score by (default 1). */
  margin?: number
  /** Rescaling weight of each class, float32 `[C]`, applied by the sample's target class. */
  weight?: Tensor
  /** Default `'mean'` (over the samples). */
  reduction?: Reduction
}

/**
 * Multi-class hinge loss (the multi-class SVM of Weston and Watkins): for scores `x` `[N, C]`
 * (or `[C]`) and int32 targets `y` `[N]` (or `[]`), each sample's loss is
 * `Σ_{i ≠ y} w_y · max(0, margin − x_y + x_i)^p / C`.
 * `∂/∂x_i = w_y·p·h^(p−1)/C` for each active hinge `h = margin − x_y + x_i > 0`, and `x_y`
 * receives minus their sum.
 * @see J. Weston, C. Watkins, Support Vector Machines for Multi-Class Pattern Recognition, 1999
 * @see https://pytorch.org/docs/stable/generated/torch.nn.MultiMarginLoss.html
 */
export function multiMarginLoss(
  input: Tensor,
  target: Tensor,
  options: MultiMarginLossOptions = {},
): Tensor {
  const op = 'multiMarginLoss'
  const { p = 1, margin = 1, weight, reduction = 'mean' } = options
  checkReduction(op, reduction)
  if (p !== 1 && p !== 2) {
    throw new ArgumentError(op, `p must be 1 or 2, got ${p}`)
  }
  if (!Number.isFinite(margin)) {
    throw new ArgumentError(op, `margin must be a finite number, got ${margin}`)
  }
  if (input.dtype !== 'float32') {
    throw new DTypeError(op, `input must be float32 scores, got ${input.dtype}`)
  }
  if (target.dtype !== 'int32') {
    throw new DTypeError(
      op,
      `target must be int32 class indices, got ${target.dtype}`,
      'convert with .toInt()',
    )
  }
  if (input.ndim !== 1 && input.ndim !== 2) {
    throw new ShapeError(op, `input must be [N, C] or [C], got ${formatShape(input.shape)}`)
  }
  const classes = input.shape[input.ndim - 1]!
  const samples = input.ndim === 2 ? input.shape[0]! : 1
  const sampleShape = input.shape.slice(0, -1)
  if (target.ndim !== sampleShape.length || target.size !== samples) {
    throw new ShapeError(
      op,
      `target ${formatShape(target.shape)} does not fit input ${formatShape(input.shape)}: expected ${formatShape(sampleShape)}`,
      'give one class index per row of scores',
    )
  }
  if (
    weight !== undefined &&
    (weight.dtype !== 'float32' || weight.ndim !== 1 || weight.shape[0] !== classes)
  ) {
    throw new ShapeError(
      op,
      `weight must be float32 of shape [${classes}] (one per class), got ${weight.dtype} ${formatShape(weight.shape)}`,
    )
  }
  const labels = target.data
  for (let s = 0; s < samples; s++) {
    const yi = labels[s]!
    if (yi < 0 || yi >= classes) {
      throw new ArgumentError(
        op,
        `target ${yi} at position ${s} is out of range for ${classes} classes`,
        `class indices must lie in [0, ${classes - 1}]`,
      )
    }
  }
  const x = input.data
  const w = weight?.data
  const losses = new Float32Array(samples)
  for (let s = 0; s < samples; s++) {
    const row = s * classes
    const yi = labels[s]!
    const xy = x[row + yi]!
    let total = 0
    for (let i = 0; i < classes; i++) {
      if (i === yi) continue
      const h = margin - xy + x[row + i]!
      if (h > 0) total += p === 1 ? h : h * h
    }
    losses[s] = ((w === undefined ? 1 : w[yi]!) * total) / classes
  }
  const perSample = recordOp(new Tensor(losses, sampleShape), op, [input], (g) => {
    const G = g.data
    const dx = new Float32Array(input.size)
    for (let s = 0; s < samples; s++) {
      const row = s * classes
      const yi = labels[s]!
      const xy = x[row + yi]!
      const scale = ((w === undefined ? 1 : w[yi]!) * G[s]!) / classes
      let toTarget = 0
      for (let i = 0; i < classes; i++) {
        if (i === yi) continue
        const h = margin - xy + x[row + i]!
        if (h > 0) {
          const d = scale * (p === 1 ? 1 : 2 * h)
          dx[row + i] = d
          toTarget -= d
        }
      }
      dx[row + yi] = toTarget
    }
    return [new Tensor(dx, input.shape)]
  })
  return reduceLoss(perSample, reduction)
}

/** {@link multiMarginLoss} as a module: `forward(scores, target)`; class weights are the buffer `weight`. */
export class MultiMarginLoss extends Module<[Tensor, Tensor], Tensor> {
  declare weight: Tensor | null
  readonly #options: Omit<MultiMarginLossOptions, 'weight'>

  constructor(options: MultiMarginLossOptions = {}) {
    super()
    const { weight, ...rest } = options
    this.#options = rest
    this.registerBuffer('weight', weight ?? null)
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return multiMarginLoss(input, target, {
      ...this.#options,
      ...(this.weight === null ? {} : { weight: this.weight }),
    })
  }
}
