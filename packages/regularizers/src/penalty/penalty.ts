import { ArgumentError, type Module, recordOp, Tensor } from '@knack/core'
import { type ParameterSelection, selectParameters } from './select-parameters'

/** Options of {@link penalty}: strengths and which parameters they apply to. */
export interface PenaltyOptions extends ParameterSelection {
  /** L1 strength λ₁ (default 0). */
  l1?: number
  /** L2 strength λ₂ (default 0). */
  l2?: number
}

function checkStrength(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ArgumentError(
      op,
      `${name} must be a finite number ≥ 0, got ${value}`,
      'pass a small strength such as 1e-4',
    )
  }
}

/** The strengths of `options` (0 when absent), or an error naming the bad one. @internal */
export function checkStrengths(op: string, options: PenaltyOptions): { l1: number; l2: number } {
  const { l1 = 0, l2 = 0 } = options
  checkStrength(op, 'l1', l1)
  checkStrength(op, 'l2', l2)
  return { l1, l2 }
}

/**
 * Weight penalty to add to the loss: L1 (`l2 = 0`), L2 (`l1 = 0`) or elastic net (both),
 * `λ₁·Σ|w| + λ₂·Σw²` over the selected parameters (by default every trainable one except
 * biases and normalization layers, see {@link ParameterSelection}). A 0-d tensor on the graph:
 * ∂/∂w = λ₁·sign(w) + 2λ₂·w (sign(0) = 0). The L2 term is Keras' `l2` regularizer; SGD's
 * `weightDecay: wd` (PyTorch's L2 added to the gradient) equals `l2 = wd / 2`.
 * @see H. Zou, T. Hastie, "Regularization and variable selection via the elastic net", JRSS-B 2005
 * @see https://keras.io/api/layers/regularizers/
 */
export function penalty(model: Module, options: PenaltyOptions): Tensor {
  const { l1, l2 } = checkStrengths('penalty', options)
  const params = selectParameters(model, options, 'penalty').map(([, p]) => p)
  let total = 0
  for (const p of params) {
    const w = p.data
    let abs = 0
    let squares = 0
    for (let i = 0; i < w.length; i++) {
      const v = w[i]!
      abs += Math.abs(v)
      squares += v * v
    }
    total += l1 * abs + l2 * squares
  }
  const out = new Tensor(Float32Array.of(total), [])
  return recordOp(out, 'penalty', params, (grad) => {
    const g = grad.data[0]!
    const a = g * l1
    const b = 2 * g * l2
    return params.map((p) => {
      const w = p.data
      const dw = new Float32Array(w.length)
      for (let i = 0; i < w.length; i++) {
        const v = w[i]!
        dw[i] = (v > 0 ? a : v < 0 ? -a : 0) + b * v
      }
      return new Tensor(dw, p.shape)
    })
  })
}
