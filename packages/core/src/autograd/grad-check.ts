import { ArgumentError } from '../errors'
import { Tensor } from '../tensor'
import { noGrad } from './grad-mode'

/** Options of {@link gradCheck}. */
export interface GradCheckOptions {
  /** Finite-difference step (default 1e-2, suited to float32). */
  eps?: number
  /** Absolute tolerance (default 1e-2). */
  atol?: number
  /** Relative tolerance (default 1e-2). */
  rtol?: number
  /** Seed for the random projection of non-scalar outputs (default 0). */
  seed?: number
}

/** One mismatch between an analytic and a numeric partial derivative. */
export interface GradCheckFailure {
  input: number
  index: number
  analytic: number
  numeric: number
}

/** Result of {@link gradCheck}: `ok` with the worst mismatches when not. */
export interface GradCheckResult {
  ok: boolean
  maxAbsError: number
  failures: GradCheckFailure[]
}

function projection(size: number, seed: number): Float64Array {
  // A fixed, well-spread set of weights in [0.5, 1.5) (golden-ratio sequence): never zero.
  const w = new Float64Array(size)
  for (let i = 0; i < size; i++) w[i] = 0.5 + ((seed + (i + 1) * 0.6180339887498949) % 1)
  return w
}

/**
 * Compares the gradients autograd computes for `fn(...inputs)` with central finite
 * differences, `(f(x+ε) − f(x−ε)) / 2ε`, of the scalar `Σ wᵢ·outᵢ` for fixed weights `w`.
 * Float inputs with `requiresGrad` are checked; a partial passes when
 * `|analytic − numeric| ≤ atol + rtol·|numeric|`.
 * @see torch.autograd.gradcheck
 */
export function gradCheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  options: GradCheckOptions = {},
): GradCheckResult {
  const { eps = 1e-2, atol = 1e-2, rtol = 1e-2, seed = 0 } = options
  const checked = inputs.filter((t) => t.requiresGrad)
  if (checked.length === 0) {
    throw new ArgumentError('gradCheck', 'no input has requiresGrad', 'mark the inputs to check')
  }
  for (const t of inputs) t.grad = null
  const out = fn(...inputs)
  const w = projection(out.size, seed)
  const objective = (y: Tensor): number => {
    let s = 0
    for (let i = 0; i < y.size; i++) s += w[i]! * y.data[i]!
    return s
  }
  out.backward(new Tensor(Float32Array.from(w), out.shape))

  const failures: GradCheckFailure[] = []
  let maxAbsError = 0
  inputs.forEach((t, inputIndex) => {
    if (!t.requiresGrad) return
    const analytic = t.grad?.data ?? new Float32Array(t.size)
    for (let i = 0; i < t.size; i++) {
      const original = t.data[i]!
      t.data[i] = original + eps
      const up = noGrad(() => objective(fn(...inputs)))
      t.data[i] = original - eps
      const down = noGrad(() => objective(fn(...inputs)))
      t.data[i] = original
      const numeric = (up - down) / (2 * eps)
      const err = Math.abs(analytic[i]! - numeric)
      maxAbsError = Math.max(maxAbsError, err)
      if (err > atol + rtol * Math.abs(numeric)) {
        failures.push({ input: inputIndex, index: i, analytic: analytic[i]!, numeric })
      }
    }
  })
  return { ok: failures.length === 0, maxAbsError, failures: failures.slice(0, 10) }
}
