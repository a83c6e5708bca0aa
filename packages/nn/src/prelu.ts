import {
  DTypeError,
  formatShape,
  full,
  Module,
  Parameter,
  recordOp,
  ShapeError,
  Tensor,
} from '@knack/core'
import { requireFinite, requireInteger } from './checks'

/**
 * Parametric ReLU `x > 0 ? x : a·x` with a learned slope `a`: one slope shared by all channels
 * (`weight` `[1]`), or one per channel (`weight` `[C]`, channels on dimension 1; an input of
 * fewer than 2 dimensions has one channel, as in PyTorch). `∂/∂x = 1` or `a`; `∂/∂a = Σ x` over the inputs ≤ 0 of its channel.
 * @see K. He et al., Delving Deep into Rectifiers, https://arxiv.org/abs/1502.01852
 */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  if (x.dtype !== 'float32' || weight.dtype !== 'float32') {
    throw new DTypeError(
      'prelu',
      `expected float32 input and weight, got ${x.dtype} and ${weight.dtype}`,
      'convert with .toFloat()',
    )
  }
  const slopes = weight.size
  // Channels are on dimension 1; an input of fewer than 2 dimensions has a single channel.
  const channels = x.ndim >= 2 ? x.shape[1]! : 1
  if (weight.ndim > 1 || (slopes !== 1 && slopes !== channels)) {
    throw new ShapeError(
      'prelu',
      `weight ${formatShape(weight.shape)} fits neither one shared slope nor the ${channels} channels of input ${formatShape(x.shape)}`,
      `pass a weight of shape [1] or [${channels}] (channels are on dimension 1)`,
    )
  }
  // Elements of one channel come in runs of `inner`; runs of the channels repeat `outer` times.
  const outer = x.ndim >= 2 ? x.shape[0]! : 1
  const inner = channels === 0 || outer === 0 ? 0 : x.size / (outer * channels)
  const perChannel = slopes === 1 ? 0 : 1
  const X = x.data
  const A = weight.data
  const out = new Float32Array(x.size)
  for (let o = 0, k = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const a = A[c * perChannel]!
      for (let i = 0; i < inner; i++, k++) {
        const v = X[k]!
        out[k] = v > 0 ? v : a * v
      }
    }
  }
  const result = new Tensor(out, x.shape)
  return recordOp(result, 'prelu', [x, weight], (grad) => {
    const G = grad.data
    let gradX: Tensor | null = null
    if (x.requiresGrad) {
      const gX = new Float32Array(x.size)
      for (let o = 0, k = 0; o < outer; o++) {
        for (let c = 0; c < channels; c++) {
          const a = A[c * perChannel]!
          for (let i = 0; i < inner; i++, k++) gX[k] = X[k]! > 0 ? G[k]! : a * G[k]!
        }
      }
      gradX = new Tensor(gX, x.shape)
    }
    let gradW: Tensor | null = null
    if (weight.requiresGrad) {
      const sums = new Float64Array(slopes)
      for (let o = 0, k = 0; o < outer; o++) {
        for (let c = 0; c < channels; c++) {
          let s = 0
          for (let i = 0; i < inner; i++, k++) if (X[k]! <= 0) s += X[k]! * G[k]!
          sums[c * perChannel]! += s
        }
      }
      gradW = new Tensor(Float32Array.from(sums), weight.shape)
    }
    return [gradX, gradW]
  })
}

/**
 * {@link prelu} as a layer with a learned `weight` of `numParameters` slopes (1 shared, or the
 * number of channels), all starting at `init` (default 0.25), as `torch.nn.PReLU`.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.PReLU.html
 */
export class PReLU extends Module<[Tensor], Tensor> {
  weight: Parameter

  constructor(numParameters = 1, init = 0.25) {
    super()
    requireInteger('PReLU', 'numParameters', numParameters, 1)
    requireFinite('PReLU', 'init', init)
    this.weight = new Parameter(full([numParameters], init))
  }

  forward(x: Tensor): Tensor {
    return prelu(x, this.weight)
  }
}
