import { type Reduction, recordOp, Tensor } from '@knack/core'
import { checkPair, checkReduction, reduceLoss } from './reduction'

/** Writes the loss `f(d[i])` of each difference `d = input − target` into `out[i]`. */
export type DifferenceForward = (d: Float32Array, out: Float32Array) => void

/** Writes `g[i] · f′(d[i])` into `dx[i]`. */
export type DifferenceBackward = (d: Float32Array, g: Float32Array, dx: Float32Array) => void

/**
 * Builds a loss of the difference `d = input − target` from two plain-loop kernels, then
 * reduces it: the gradient is `g·f′(d)` for the input and its negative for the target.
 * Used by L1 and Huber. @internal
 */
export function differenceLoss(
  op: string,
  input: Tensor,
  target: Tensor,
  reduction: Reduction,
  forward: DifferenceForward,
  backward: DifferenceBackward,
): Tensor {
  checkReduction(op, reduction)
  checkPair(op, input, target)
  const x = input.data
  const y = target.data
  const d = new Float32Array(x.length)
  for (let i = 0; i < d.length; i++) d[i] = x[i]! - y[i]!
  const out = new Float32Array(d.length)
  forward(d, out)
  const losses = recordOp(new Tensor(out, input.shape), op, [input, target], (g) => {
    const dx = new Float32Array(d.length)
    backward(d, g.data as Float32Array, dx)
    let dy: Float32Array | null = null
    if (target.requiresGrad) {
      dy = new Float32Array(d.length)
      for (let i = 0; i < d.length; i++) dy[i] = -dx[i]!
    }
    return [
      input.requiresGrad ? new Tensor(dx, input.shape) : null,
      dy && new Tensor(dy, target.shape),
    ]
  })
  return reduceLoss(losses, reduction)
}
