import type { BatchTransform } from '@knack/core'
import { ArgumentError, type Batch, beta, type Generator, permutation, Tensor } from '@knack/core'
import {
  checkBatchTargets,
  checkSoftTargetOptions,
  type SoftRows,
  type SoftTargetOptions,
  softTargetRows,
} from './soft-targets'

/** Options of {@link mixup} and {@link cutMix}. */
export interface MixOptions extends SoftTargetOptions {
  /** Concentration α > 0 of λ ~ Beta(α, α) (default 1: λ uniform on [0, 1]). */
  alpha?: number
}

/** Checks α. @internal */
export function checkAlpha(op: string, alpha: number): void {
  if (typeof alpha !== 'number' || !(alpha > 0 && Number.isFinite(alpha))) {
    throw new ArgumentError(
      op,
      `alpha must be a finite number > 0, got ${alpha}`,
      'the papers use 0.1 to 1',
    )
  }
}

/** Mixed soft targets `λ·y_i + (1 − λ)·y_perm(i)` as float32 `[N, C]`. @internal */
export function mixTargets({ rows, classes }: SoftRows, lambda: number, perm: Int32Array): Tensor {
  const n = perm.length
  const out = new Float32Array(n * classes)
  for (let i = 0; i < n; i++) {
    const a = i * classes
    const b = perm[i]! * classes
    for (let k = 0; k < classes; k++)
      out[a + k] = lambda * rows[a + k]! + (1 - lambda) * rows[b + k]!
  }
  return new Tensor(out, [n, classes])
}

/**
 * Mixup: one `λ ~ Beta(α, α)` per batch and a random permutation π of the batch; every input
 * becomes `λ·x_i + (1 − λ)·x_π(i)` and every target `λ·y_i + (1 − λ)·y_π(i)`, float32 soft
 * targets `[N, C]`. Targets are int32 labels (with `numClasses`) or soft targets; label
 * smoothing ε, when set, is applied to each one-hot/soft row before mixing (mixing is linear,
 * so this equals smoothing the mixed targets). Inputs may have any shape `[N, …]`. Draws λ by
 * {@link beta}, then π by {@link permutation}.
 * @see H. Zhang et al., "mixup: Beyond Empirical Risk Minimization", ICLR 2018, https://arxiv.org/abs/1710.09412
 */
export function mixup(options: MixOptions = {}): BatchTransform {
  const op = 'mixup'
  const { alpha = 1, ...targetOptions } = options
  checkAlpha(op, alpha)
  checkSoftTargetOptions(op, targetOptions)
  return (batch: Batch, generator: Generator): Batch => {
    const { inputs, targets } = batch
    checkBatchTargets(op, inputs, targets)
    const soft = softTargetRows(op, targets, targetOptions)
    const n = inputs.shape[0]!
    const lambda = beta(alpha, alpha, generator)
    const perm = permutation(n, generator)
    const x = inputs.data as Float32Array
    const out = new Float32Array(x.length)
    const size = n === 0 ? 0 : x.length / n
    for (let i = 0; i < n; i++) {
      const a = i * size
      const b = perm[i]! * size
      for (let k = 0; k < size; k++) out[a + k] = lambda * x[a + k]! + (1 - lambda) * x[b + k]!
    }
    return {
      ...batch,
      inputs: new Tensor(out, inputs.shape),
      targets: mixTargets(soft, lambda, perm),
    }
  }
}
