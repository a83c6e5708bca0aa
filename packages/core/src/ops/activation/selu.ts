import type { Tensor } from '../../tensor'
import { scaledElu } from './elu'

/** SELU's α, the value PyTorch uses (Klambauer et al., 2017). */
const SELU_ALPHA = 1.6732632423543772
/** SELU's λ, the value PyTorch uses (Klambauer et al., 2017). */
const SELU_SCALE = 1.0507009873554805

/**
 * Scaled exponential linear unit: `λ · x` for x > 0, `λ · α · (eˣ − 1)` otherwise, with
 * α ≈ 1.6733 and λ ≈ 1.0507. ∂/∂x = λ for x > 0, `λ · α · eˣ` for x ≤ 0.
 * @see https://arxiv.org/abs/1706.02515
 */
export function selu(x: Tensor): Tensor {
  return scaledElu('selu', x, SELU_ALPHA, SELU_SCALE)
}
