import type { Storage } from '../../dtype'
import type { Shape } from '../../shape'
import { Tensor } from '../../tensor'
import { sumToShape } from '../shape/sum-to-shape'

/**
 * The gradient that flows to one input of a broadcasting op from its local derivative `w`:
 * `g · w` elementwise, exactly 0 where `w = 0` even if `g` is infinite or NaN (PyTorch's
 * masking in maximum, minimum, where and pow), then summed back over broadcast dimensions
 * to `shape`. `weights` has one entry per element of `g`.
 * @internal
 */
export function weightedGrad(g: Tensor, weights: Storage, shape: Shape): Tensor {
  const gd = g.data
  const out = new Float32Array(gd.length)
  for (let i = 0; i < out.length; i++) {
    const w = weights[i]!
    out[i] = w === 0 ? 0 : gd[i]! * w
  }
  return sumToShape(new Tensor(out, g.shape), shape)
}
