import {
  ArgumentError,
  type GradientTransform,
  type ParamTree,
  type ScalarOrSchedule,
  Tensor,
} from '@knack/core'
import { type HyperState, hyperSpec, hyperValue, initHyper, nextHyper } from './hyper'
import { slotFor } from './param-tree'

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
  return {
    init(params) {
      const buffers: Record<string, TraceBuffers> = {}
      for (const name in params) buffers[name] = { momentum_buffer: null }
      return { hyper: initHyper(spec), buffers }
    },
    update(grads, state) {
      const mu = hyperValue(state.hyper, 'momentum')
      const keep = 1 - hyperValue(state.hyper, 'dampening', 0)
      const buffers = { ...state.buffers }
      const updates: ParamTree = {}
      for (const name in grads) {
        const g = grads[name]!
        const previous = slotFor('trace', state.buffers, name).momentum_buffer
        if (mu === 0) {
          updates[name] = g
          continue
        }
        const gd = g.data
        const buf = new Float32Array(gd.length)
        if (previous === null) buf.set(gd)
        else {
          const b = previous.data
          for (let i = 0; i < buf.length; i++) buf[i] = mu * b[i]! + keep * gd[i]!
        }
        const momentumBuffer = new Tensor(buf, g.shape)
        buffers[name] = { momentum_buffer: momentumBuffer }
        if (!nesterov) {
          updates[name] = momentumBuffer
          continue
        }
        const out = new Float32Array(gd.length)
        for (let i = 0; i < out.length; i++) out[i] = gd[i]! + mu * buf[i]!
        updates[name] = new Tensor(out, g.shape)
      }
      return { updates, state: { hyper: nextHyper(state.hyper), buffers } }
    },
  }
}
