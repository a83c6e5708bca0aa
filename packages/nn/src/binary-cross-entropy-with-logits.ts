import {
  broadcastTo,
  DTypeError,
  formatShape,
  Module,
  type Reduction,
  recordOp,
  ShapeError,
  Tensor,
} from '@knack/core'
import { checkPair, checkReduction, reduceLoss } from './reduction'

/** Options of {@link binaryCrossEntropyWithLogits}. */
export interface BinaryCrossEntropyWithLogitsOptions {
  /** Rescaling weight of each element, broadcast to the input shape (a constant). */
  weight?: Tensor
  /**
   * Weight `p` of the positive term, broadcast to the input shape: one per class (shape `[C]`
   * for an input `[N, C]`) to trade recall for precision, e.g. `#negatives / #positives`.
   */
  posWeight?: Tensor
  /** Default `'mean'` (over all elements). */
  reduction?: Reduction
}

/** The float32 values of a constant `t` broadcast to `shape`, or `null` without one. */
function broadcastConstant(op: string, what: string, t: Tensor | undefined, input: Tensor) {
  if (t === undefined) return null
  if (t.dtype !== 'float32') {
    throw new DTypeError(op, `${what} must be float32, got ${t.dtype}`, 'convert with .toFloat()')
  }
  try {
    return broadcastTo(t.detach(), input.shape).data
  } catch (cause) {
    throw new ShapeError(
      op,
      `${what} ${formatShape(t.shape)} does not broadcast to the input ${formatShape(input.shape)}`,
      `give ${what} a shape that broadcasts to ${formatShape(input.shape)}, e.g. [${input.shape[input.ndim - 1] ?? 1}]`,
      { cause },
    )
  }
}

/** `ln(1 + eᶻ)` without overflow. */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)))
}

/**
 * Binary cross-entropy of `σ(input)` against targets `y` in [0, 1], fused for stability:
 * `ℓ = w·[(1 − y)·x + (1 + (p − 1)·y)·softplus(−x)]`, which equals
 * `−w·[p·y·ln σ(x) + (1 − y)·ln(1 − σ(x))]` with element weights `w` and positive weights `p`.
 * `∂ℓ/∂x = w·[(1 − y) − (1 + (p − 1)·y)·σ(−x)]`, `∂ℓ/∂y = w·[(p − 1)·softplus(−x) − x]`.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options: BinaryCrossEntropyWithLogitsOptions = {},
): Tensor {
  const op = 'binaryCrossEntropyWithLogits'
  const reduction = options.reduction ?? 'mean'
  checkReduction(op, reduction)
  checkPair(op, input, target)
  const w = broadcastConstant(op, 'weight', options.weight, input)
  const p = broadcastConstant(op, 'posWeight', options.posWeight, input)
  const x = input.data
  const y = target.data
  const n = x.length
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const xi = x[i]!
    const yi = y[i]!
    const scale = p === null ? 1 : 1 + (p[i]! - 1) * yi
    const loss = (1 - yi) * xi + scale * softplus(-xi)
    out[i] = w === null ? loss : w[i]! * loss
  }
  const losses = recordOp(new Tensor(out, input.shape), op, [input, target], (g) => {
    const G = g.data
    let gradInput: Tensor | null = null
    if (input.requiresGrad) {
      const dx = new Float32Array(n)
      for (let i = 0; i < n; i++) {
        const xi = x[i]!
        const yi = y[i]!
        const scale = p === null ? 1 : 1 + (p[i]! - 1) * yi
        // σ(−x) = 1 / (1 + eˣ)
        const d = 1 - yi - scale / (1 + Math.exp(xi))
        dx[i] = G[i]! * (w === null ? d : w[i]! * d)
      }
      gradInput = new Tensor(dx, input.shape)
    }
    let gradTarget: Tensor | null = null
    if (target.requiresGrad) {
      const dy = new Float32Array(n)
      for (let i = 0; i < n; i++) {
        const xi = x[i]!
        const d = (p === null ? 0 : (p[i]! - 1) * softplus(-xi)) - xi
        dy[i] = G[i]! * (w === null ? d : w[i]! * d)
      }
      gradTarget = new Tensor(dy, target.shape)
    }
    return [gradInput, gradTarget]
  })
  return reduceLoss(losses, reduction)
}

/**
 * {@link binaryCrossEntropyWithLogits} as a module: `forward(logits, target)`; the weights are
 * the buffers `weight` and `pos_weight`, as in PyTorch.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html
 */
export class BCEWithLogitsLoss extends Module<[Tensor, Tensor], Tensor> {
  declare weight: Tensor | null
  declare pos_weight: Tensor | null
  readonly reduction: Reduction

  constructor(options: BinaryCrossEntropyWithLogitsOptions = {}) {
    super()
    this.reduction = options.reduction ?? 'mean'
    this.registerBuffer('weight', options.weight ?? null)
    this.registerBuffer('pos_weight', options.posWeight ?? null)
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropyWithLogits(input, target, {
      reduction: this.reduction,
      ...(this.weight === null ? {} : { weight: this.weight }),
      ...(this.pos_weight === null ? {} : { posWeight: this.pos_weight }),
    })
  }
}
