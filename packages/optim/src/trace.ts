import { ArgumentError, type GradientTransform, type ScalarOrSchedule, Tensor } from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
import { inPlaceTransform } from './in-place'
import { bufferMatches, slotFor } from './param-tree'

/** Options of {@link trace}. */
export interface TraceOptions {
  /** Momentum factor μ (hyperparameter `momentum`); 0 passes updates through. */
  momentum: ScalarOrSchedule
  /** Dampening τ (hyperparameter `dampening` when given; 0 otherwise). */
  dampening?: ScalarOrSchedule
  /** Nesterov momentum (default false); needs μ > 0 and τ = 0. */
  nesterov?: boolean
}

/** Per-parameter state of {@link trace}: the momentum buffer, `null` until first used. */
export interface TraceBuffers {
  momentum_buffer: Tensor | null
}

/** State of {@link trace}. */
export interface TraceState {
  hyper: HyperState
  buffers: Record<string, TraceBuffers>
}

/**
 * Heavy-ball or Nesterov momentum with PyTorch's SGD formulas: `b ← u` on a parameter's first
 * update, then `b ← μ·b + (1 − τ)·u`; the update is `b`, or `u + μ·b` with Nesterov. With
 * `μ = 0` updates pass through and no buffer is kept. Place it before {@link scaleByLr} for
 * `torch.optim.SGD`, or after it for LARS-style momentum on the scaled step.
 * @see https://pytorch.org/docs/1.13/generated/torch.optim.SGD.html
 * @see Sutskever et al., On the importance of initialization and momentum in deep learning, 2013
 */
export function trace(options: TraceOptions): GradientTransform<TraceState> {
  const spec = hyperSpec('trace', {
    momentum: [options.momentum, 'nonNegative'],
    dampening: [options.dampening, 'real'],
  })
  const nesterov = options.nesterov ?? false
  if (
    nesterov &&
    ((typeof options.momentum === 'number' && options.momentum <= 0) ||
      (typeof options.dampening === 'number' && options.dampening !== 0))
  ) {
    throw new ArgumentError(
      'trace',
      `Nesterov momentum needs momentum > 0 and dampening 0, got momentum ${options.momentum} and dampening ${options.dampening ?? 0}`,
      'set a positive momentum and no dampening, or nesterov: false',
    )
  }
  return inPlaceTransform(
    (params) => {
      const buffers: Record<string, TraceBuffers> = {}
      for (const name in params) buffers[name] = { momentum_buffer: null }
      return { hyper: initHyper(spec), buffers }
    },
    (updates, state) => {
      const mu = hyperValue(state.hyper, 'momentum')
      const keep = 1 - hyperValue(state.hyper, 'dampening', 0)
      const slots = Object.keys(updates).map((name) => {
        const u = updates[name]!
        const slot = slotFor('trace', state.buffers, name)
        const buffer = slot.momentum_buffer
        if (buffer !== null) bufferMatches('trace', name, buffer, u)
        // A parameter's first update starts its buffer, allocated now so that commit cannot fail.
        const fresh =
          mu !== 0 && buffer === null ? new Tensor(new Float32Array(u.size), u.shape) : null
        return [u.data, slot, fresh] as const
      })
      return () => {
        const hyper = nextHyper(state.hyper)
        if (mu === 0) return { hyper, buffers: state.buffers }
        for (const [u, slot, fresh] of slots) {
          if (fresh !== null) {
            fresh.data.set(u)
            slot.momentum_buffer = fresh
          } else {
            const b = slot.momentum_buffer!.data
            for (let i = 0; i < u.length; i++) b[i] = mu * b[i]! + keep * u[i]!
          }
          const b = slot.momentum_buffer!.data
          if (!nesterov) u.set(b)
          else for (let i = 0; i < u.length; i++) u[i] = u[i]! + mu * b[i]!
        }
        return { hyper, buffers: state.buffers }
      }
    },
  )
}
