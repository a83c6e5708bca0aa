import { ArgumentError, DTypeError, type Tensor } from '@knack/core'
import { NonFiniteGradientError } from './errors'

/** Gradients to clip: an iterable (nulls skipped, e.g. `params.map((p) => p.grad)`) or a named tree. */
export type GradientSource = Iterable<Tensor | null | undefined> | Readonly<Record<string, Tensor>>

/** Options of {@link clipGradNorm}. */
export interface ClipGradNormOptions {
  /** Throw a {@link NonFiniteGradientError} (before changing anything) if the norm is NaN or infinite. */
  errorIfNonfinite?: boolean
}

/** The float32 tensors of a {@link GradientSource}, nulls left out. @internal */
export function gradientsOf(op: string, grads: GradientSource): Tensor[] {
  const list: Iterable<Tensor | null | undefined> =
    Symbol.iterator in grads ? (grads as Iterable<Tensor | null | undefined>) : Object.values(grads)
  const out: Tensor[] = []
  for (const g of list) {
    if (g === null || g === undefined) continue
    if (g.dtype !== 'float32') {
      throw new DTypeError(
        op,
        `gradients must be float32, got ${g.dtype}`,
        'clip float32 gradients',
      )
    }
    out.push(g)
  }
  return out
}

/** Throws unless `maxNorm ≥ 0` and `normType` is p > 0 or `Infinity`. @internal */
export function checkNormArguments(op: string, maxNorm: number, normType: number): void {
  if (!(maxNorm >= 0)) {
    throw new ArgumentError(
      op,
      `maxNorm must be ≥ 0, got ${maxNorm}`,
      'pass a non-negative maxNorm',
    )
  }
  if (!(normType > 0)) {
    throw new ArgumentError(
      op,
      `normType must be a positive number or Infinity, got ${normType}`,
      'use 2 (Euclidean), 1, or Infinity (largest absolute value)',
    )
  }
}

/** The total p-norm of all values of `tensors` together, accumulated in float64. */
function totalNorm(tensors: readonly Tensor[], normType: number): number {
  if (normType === Number.POSITIVE_INFINITY) {
    let max = 0
    for (const t of tensors) {
      const d = t.data
      for (let i = 0; i < d.length; i++) {
        const a = Math.abs(d[i]!)
        if (!(a <= max)) {
          if (Number.isNaN(a)) return a
          max = a
        }
      }
    }
    return max
  }
  let sum = 0
  for (const t of tensors) {
    const d = t.data
    if (normType === 2) for (let i = 0; i < d.length; i++) sum += d[i]! * d[i]!
    else if (normType === 1) for (let i = 0; i < d.length; i++) sum += Math.abs(d[i]!)
    else for (let i = 0; i < d.length; i++) sum += Math.abs(d[i]!) ** normType
  }
  return normType === 1 ? sum : sum ** (1 / normType)
}

/**
 * Scales gradients in place so that their total norm is at most `maxNorm`, as
 * `torch.nn.utils.clip_grad_norm_`: `n = ‖(g₁, …, gₖ)‖_p`, `g ← g · min(1, maxNorm / (n + 1e-6))`,
 * and returns the norm before clipping (`0` for no gradients). `normType` is p > 0 or
 * `Infinity` (largest absolute value). The `clipByGlobalNorm` transform and the trainer's
 * clipping plugin both call this function.
 * @see Pascanu, Mikolov & Bengio, On the difficulty of training recurrent neural networks, 2013
 * @see https://pytorch.org/docs/1.13/generated/torch.nn.utils.clip_grad_norm_.html
 */
export function clipGradNorm(
  grads: GradientSource,
  maxNorm: number,
  normType = 2,
  options: ClipGradNormOptions = {},
): number {
  checkNormArguments('clipGradNorm', maxNorm, normType)
  const tensors = gradientsOf('clipGradNorm', grads)
  const norm = totalNorm(tensors, normType)
  if (options.errorIfNonfinite && !Number.isFinite(norm)) {
    throw new NonFiniteGradientError(
      'clipGradNorm',
      `the total ${normType}-norm of the gradients is ${norm}`,
      'find the NaN or infinite gradient (lower the learning rate, check the loss), or leave errorIfNonfinite off',
    )
  }
  const coefficient = Math.min(maxNorm / (norm + 1e-6), 1)
  if (coefficient !== 1) {
    for (const t of tensors) {
      const d = t.data
      for (let i = 0; i < d.length; i++) d[i]! *= coefficient
    }
  }
  return norm
}
