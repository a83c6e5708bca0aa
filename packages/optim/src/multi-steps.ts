import { ArgumentError, type GradientTransform, type ParamTree, Tensor } from '@knack/core'
import { filled, slotFor } from './param-tree'

/** Per-parameter state of {@link multiSteps}: the gradient sum so far, `null` when empty. */
export interface MultiStepsBuffers {
  acc_grad: Tensor | null
}

/** State of {@link multiSteps}. */
export interface MultiStepsState<S> {
  /** Calls since the last real update, `0 … k − 1`. */
  miniStep: number
  buffers: Record<string, MultiStepsBuffers>
  inner: S
}

/**
 * Gradient accumulation (Optax's `MultiSteps`): sums the gradients of `k` calls and, on every
 * k-th call, runs `transform` once on their average `(g₁ + … + gₖ) / k`; the calls in between
 * return zero updates. A parameter's average counts the calls it had no gradient in as zeros;
 * parameters with no gradient in all `k` calls are skipped. The inner transform's schedules
 * advance once per real update.
 * @see https://optax.readthedocs.io/en/latest/api/optimizer_wrappers.html
 */
export function multiSteps<S>(
  transform: GradientTransform<S>,
  k: number,
): GradientTransform<MultiStepsState<S>> {
  if (!(Number.isInteger(k) && k >= 1)) {
    throw new ArgumentError(
      'multiSteps',
      `k must be a positive integer, got ${k}`,
      'accumulate over k ≥ 1 calls',
    )
  }
  return {
    init(params) {
      const buffers: Record<string, MultiStepsBuffers> = {}
      for (const name in params) buffers[name] = { acc_grad: null }
      return { miniStep: 0, buffers, inner: transform.init(params) }
    },
    update(grads, state, params, extras) {
      const buffers = { ...state.buffers }
      for (const name in grads) {
        const g = grads[name]!.data
        const previous = slotFor('multiSteps', state.buffers, name).acc_grad
        const sum = new Float32Array(g.length)
        if (previous === null) sum.set(g)
        else {
          const acc = previous.data
          for (let i = 0; i < sum.length; i++) sum[i] = acc[i]! + g[i]!
        }
        buffers[name] = { acc_grad: new Tensor(sum, grads[name]!.shape) }
      }
      if (state.miniStep + 1 < k) {
        const updates: ParamTree = {}
        for (const name in grads) updates[name] = filled(grads[name]!.shape, 0)
        return { updates, state: { miniStep: state.miniStep + 1, buffers, inner: state.inner } }
      }
      const averages: ParamTree = {}
      for (const name in buffers) {
        const sum = buffers[name]!.acc_grad
        if (sum === null) continue
        const avg = new Float32Array(sum.size)
        const s = sum.data
        for (let i = 0; i < avg.length; i++) avg[i] = s[i]! / k
        averages[name] = new Tensor(avg, sum.shape)
        buffers[name] = { acc_grad: null }
      }
      const result = transform.update(averages, state.inner, params, extras)
      return { updates: result.updates, state: { miniStep: 0, buffers, inner: result.state } }
    },
  }
}
