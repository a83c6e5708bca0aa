import { formatShape, type Generator, Module, ShapeError, type Tensor } from '@knack/core'
import { blockAffine } from './block-affine'
import type { DropoutFunctionOptions, DropoutOptions } from './dropout'
import { checkDropProbability, invertedScales, keepMask } from './keep-mask'

/**
 * Channel dropout: zeroes whole channels `x[n, c, :, :]` of a `[N, C, H, W]` batch (or
 * `x[c, :, :]` of one `[C, H, W]` image) with probability `p` and scales the kept channels by
 * `1/(1 − p)`. Adjacent pixels are strongly correlated, so dropping single pixels barely
 * regularizes a conv net; dropping feature maps does. Identity when not training or p = 0.
 * A 3-D input is one unbatched image, as PyTorch 2 reads it (PyTorch 1.13 read it as
 * `[N, C, L]`; reshape such a batch to `[N, C, L, 1]` for that).
 * @see J. Tompson et al., "Efficient Object Localization Using Convolutional Networks", CVPR 2015, https://arxiv.org/abs/1411.4280
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Dropout2d.html
 */
export function dropout2d(x: Tensor, p = 0.5, options: DropoutFunctionOptions = {}): Tensor {
  checkDropProbability('dropout2d', p)
  if (x.ndim !== 3 && x.ndim !== 4) {
    throw new ShapeError(
      'dropout2d',
      `expected a [N, C, H, W] batch or a [C, H, W] image, got ${formatShape(x.shape)}`,
      'reshape the input so that the channels come before the two spatial dimensions',
    )
  }
  const { training = true, generator } = options
  if (!training || p === 0 || x.size === 0) return x
  const plane = x.shape[x.ndim - 1]! * x.shape[x.ndim - 2]!
  const channels = x.size / plane
  const scale = invertedScales(keepMask(channels, p, generator), p)
  return blockAffine('dropout2d', x, scale, null, plane)
}

/**
 * Channel dropout as a layer (PyTorch's `nn.Dropout2d`): {@link dropout2d} in training mode,
 * the identity in evaluation mode.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Dropout2d.html
 */
export class Dropout2d extends Module<[Tensor], Tensor> {
  /** Probability of zeroing a channel. */
  readonly p: number
  /** The generator masks are drawn from (`undefined`: the default generator). */
  readonly generator: Generator | undefined

  constructor(p = 0.5, options: DropoutOptions = {}) {
    super()
    checkDropProbability('Dropout2d', p)
    this.p = p
    this.generator = options.generator
  }

  forward(x: Tensor): Tensor {
    return dropout2d(x, this.p, { training: this.training, generator: this.generator })
  }
}
