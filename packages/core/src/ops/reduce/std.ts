import { recordOp } from '../../autograd/graph'
import { Tensor } from '../../tensor'
import { moments, type VarianceOptions } from './variance'

/**
 * Standard deviation over `dim` (one, several, or all dimensions when omitted), like
 * `torch.std`: `√(Σ(x − x̄)² / max(0, n − correction))`.
 * ∂/∂x = (x − x̄) / (max(0, n − correction) · std), taken as 0 where std is 0 (as PyTorch does).
 * @see https://pytorch.org/docs/stable/generated/torch.std.html
 */
export function std(
  x: Tensor,
  dim?: number | readonly number[],
  options: VarianceOptions = {},
): Tensor {
  const m = moments('std', x, dim, options)
  const deviation = m.variance.map(Math.sqrt)
  const out = new Tensor(Float32Array.from(deviation), m.shape)
  return recordOp(out, 'std', [x], (g) => {
    const src = x.data
    const gd = g.data
    const scale = new Float64Array(deviation.length)
    for (let o = 0; o < scale.length; o++) {
      const s = deviation[o]!
      scale[o] = s === 0 ? 0 : gd[o]! / (m.divisor * s)
    }
    const grad = new Float32Array(src.length)
    for (let i = 0; i < src.length; i++) {
      const o = m.index[i]!
      grad[i] = scale[o]! * (src[i]! - m.mean[o]!)
    }
    return [new Tensor(grad, x.shape)]
  })
}
