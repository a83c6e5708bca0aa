import {
  elu,
  gelu,
  leakyRelu,
  Module,
  relu,
  selu,
  sigmoid,
  silu,
  softplus,
  type Tensor,
  tanh,
} from '@knack/core'
import { requireFinite } from './checks'

/** Logistic sigmoid `1 / (1 + e⁻ˣ)` as a layer. @see https://pytorch.org/docs/stable/generated/torch.nn.Sigmoid.html */
export class Sigmoid extends Module<[Tensor], Tensor> {
  forward(x: Tensor): Tensor {
    return sigmoid(x)
  }
}

/** Hyperbolic tangent as a layer. @see https://pytorch.org/docs/stable/generated/torch.nn.Tanh.html */
export class Tanh extends Module<[Tensor], Tensor> {
  forward(x: Tensor): Tensor {
    return tanh(x)
  }
}

/** Rectified linear unit `max(x, 0)` as a layer. @see https://pytorch.org/docs/stable/generated/torch.nn.ReLU.html */
export class ReLU extends Module<[Tensor], Tensor> {
  forward(x: Tensor): Tensor {
    return relu(x)
  }
}

/**
 * Leaky ReLU `x > 0 ? x : negativeSlope·x` as a layer (default slope 0.01).
 * @see https://pytorch.org/docs/stable/generated/torch.nn.LeakyReLU.html
 */
export class LeakyReLU extends Module<[Tensor], Tensor> {
  constructor(readonly negativeSlope = 0.01) {
    super()
    requireFinite('LeakyReLU', 'negativeSlope', negativeSlope)
  }

  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope)
  }
}

/**
 * Exponential linear unit `x > 0 ? x : alpha·(eˣ − 1)` as a layer (default alpha 1).
 * @see https://arxiv.org/abs/1511.07289
 */
export class ELU extends Module<[Tensor], Tensor> {
  constructor(readonly alpha = 1) {
    super()
    requireFinite('ELU', 'alpha', alpha)
  }

  forward(x: Tensor): Tensor {
    return elu(x, this.alpha)
  }
}

/**
 * Scaled ELU `λ·(x > 0 ? x : α·(eˣ − 1))` with λ ≈ 1.0507, α ≈ 1.6733, as a layer.
 * @see G. Klambauer et al., Self-Normalizing Neural Networks, https://arxiv.org/abs/1706.02515
 */
export class SELU extends Module<[Tensor], Tensor> {
  forward(x: Tensor): Tensor {
    return selu(x)
  }
}

/**
 * Gaussian error linear unit `x·Φ(x)` as a layer; `approximate = 'tanh'` uses
 * `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`.
 * @see D. Hendrycks, K. Gimpel, Gaussian Error Linear Units, https://arxiv.org/abs/1606.08415
 */
export class GELU extends Module<[Tensor], Tensor> {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') {
    super()
  }

  forward(x: Tensor): Tensor {
    return gelu(x, this.approximate)
  }
}

/**
 * Sigmoid linear unit (swish) `x·σ(x)` as a layer.
 * @see S. Elfwing et al., https://arxiv.org/abs/1702.03118
 */
export class SiLU extends Module<[Tensor], Tensor> {
  forward(x: Tensor): Tensor {
    return silu(x)
  }
}

/**
 * Softplus `ln(1 + e^(β·x)) / β` as a layer, linear where `β·x > threshold` (defaults 1, 20).
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Softplus.html
 */
export class Softplus extends Module<[Tensor], Tensor> {
  constructor(
    readonly beta = 1,
    readonly threshold = 20,
  ) {
    super()
  }

  forward(x: Tensor): Tensor {
    return softplus(x, this.beta, this.threshold)
  }
}
