import {
  ArgumentError,
  DTypeError,
  div,
  formatShape,
  Module,
  type Reduction,
  recordOp,
  ShapeError,
  sum,
  Tensor,
} from '@knack/core'
import { checkReduction } from './reduction'

/** Options of {@link nllLoss}. */
export interface NllLossOptions {
  /** Rescaling weight of each class, float32 `[C]` (a constant). */
  weight?: Tensor
  /** Targets equal to this value add nothing to the loss or to the mean's divisor (default -100). */
  ignoreIndex?: number
  /** Default `'mean'`, which divides by `Σ w_y` over the non-ignored samples. */
  reduction?: Reduction
}

/** Checks the class weights against `classes` and returns them (all 1 without weights). */
function classWeights(op: string, weight: Tensor | undefined, classes: number): Float32Array {
  if (weight === undefined) return new Float32Array(classes).fill(1)
  if (weight.dtype !== 'float32' || weight.ndim !== 1 || weight.shape[0] !== classes) {
    throw new ShapeError(
      op,
      `weight must be float32 of shape [${classes}] (one per class), got ${weight.dtype} ${formatShape(weight.shape)}`,
    )
  }
  return weight.data as Float32Array
}

/**
 * Negative log-likelihood of class-index targets given log-probabilities (e.g. from
 * `logSoftmax`): each sample's loss is `−w_y · input[y]`, 0 where `y = ignoreIndex`. `input` is
 * `[C]`, `[N, C]` or `[N, C, d₁, …]` (classes on dimension 1, or 0 when unbatched); `target` is
 * int32 of the input's shape without the class dimension. `'mean'` divides the sum by
 * `Σ w_y` over the non-ignored samples (NaN when all are ignored), as PyTorch.
 * `∂/∂input[y] = −w_y` (scaled by the reduction), 0 elsewhere.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.NLLLoss.html
 */
export function nllLoss(input: Tensor, target: Tensor, options: NllLossOptions = {}): Tensor {
  const op = 'nllLoss'
  const { ignoreIndex = -100, reduction = 'mean' } = options
  checkReduction(op, reduction)
  if (input.dtype !== 'float32') {
    throw new DTypeError(op, `input must be float32 log-probabilities, got ${input.dtype}`)
  }
  if (target.dtype !== 'int32') {
    throw new DTypeError(
      op,
      `target must be int32 class indices, got ${target.dtype}`,
      'convert with .toInt()',
    )
  }
  if (input.ndim === 0) {
    throw new ShapeError(
      op,
      'input must have a class dimension, got a 0-d tensor',
      'pass [C], [N,C] or [N,C,d1,...]',
    )
  }
  const classDim = input.ndim === 1 ? 0 : 1
  const classes = input.shape[classDim]!
  const sampleShape = input.shape.filter((_, i) => i !== classDim)
  if (target.ndim !== sampleShape.length || sampleShape.some((d, i) => d !== target.shape[i])) {
    throw new ShapeError(
      op,
      `target ${formatShape(target.shape)} does not fit input ${formatShape(input.shape)}: expected ${formatShape(sampleShape)}`,
      'give one class index per sample: the input shape without the class dimension',
    )
  }
  const w = classWeights(op, options.weight, classes)
  const inner = classDim === 0 ? 1 : input.size / (input.shape[0]! * classes)
  const labels = target.data
  const x = input.data
  const losses = new Float32Array(labels.length)
  // Offset of each sample's target log-probability in the input (−1 when ignored).
  const picked = new Int32Array(labels.length).fill(-1)
  let weightTotal = 0
  for (let s = 0; s < labels.length; s++) {
    const y = labels[s]!
    if (y === ignoreIndex) continue
    if (y < 0 || y >= classes) {
      throw new ArgumentError(
        op,
        `target ${y} at position ${s} is out of range for ${classes} classes`,
        `class indices must lie in [0, ${classes - 1}] or equal ignoreIndex (${ignoreIndex})`,
      )
    }
    const outer = Math.floor(s / inner)
    const k = (outer * classes + y) * inner + (s % inner)
    picked[s] = k
    losses[s] = -w[y]! * x[k]!
    weightTotal += w[y]!
  }
  const perSample = recordOp(new Tensor(losses, sampleShape), op, [input], (g) => {
    const G = g.data
    const dx = new Float32Array(input.size)
    for (let s = 0; s < labels.length; s++) {
      const k = picked[s]!
      if (k >= 0) dx[k] = -w[labels[s]!]! * G[s]!
    }
    return [new Tensor(dx, input.shape)]
  })
  if (reduction === 'none') return perSample
  const total = sum(perSample)
  return reduction === 'sum' ? total : div(total, weightTotal)
}

/** {@link nllLoss} as a module: `forward(logProbs, target)`; class weights are the buffer `weight`. */
export class NLLLoss extends Module<[Tensor, Tensor], Tensor> {
  declare weight: Tensor | null
  readonly #options: Omit<NllLossOptions, 'weight'>

  constructor(options: NllLossOptions = {}) {
    super()
    const { weight, ...rest } = options
    this.#options = rest
    this.registerBuffer('weight', weight ?? null)
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, {
      ...this.#options,
      ...(this.weight === null ? {} : { weight: this.weight }),
    })
  }
}
