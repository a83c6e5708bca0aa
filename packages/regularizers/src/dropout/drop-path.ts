import { ArgumentError, type Generator, Module, ShapeError, type Tensor } from '@knack/core'
import { blockAffine } from './block-affine'
import type { DropoutFunctionOptions, DropoutOptions } from './dropout'
import { checkDropProbability, invertedScales, keepMask } from './keep-mask'

/** Which units {@link dropPath} drops together. */
export type DropPathMode = 'row' | 'batch'

/** Options of {@link dropPath}. */
export interface DropPathFunctionOptions extends DropoutFunctionOptions {
  /**
   * `'row'` (default): one draw per sample (dimension 0), as timm's `drop_path`; `'batch'`: one
   * draw for the whole batch, as in the original stochastic depth.
   */
  mode?: DropPathMode
}

/** Options of {@link DropPath}. */
export interface DropPathOptions extends DropoutOptions {
  /** See {@link DropPathFunctionOptions.mode} (default `'row'`). */
  mode?: DropPathMode
}

function checkMode(op: string, mode: DropPathMode): void {
  if (mode !== 'row' && mode !== 'batch') {
    throw new ArgumentError(op, `mode must be 'row' or 'batch', got ${JSON.stringify(mode)}`)
  }
}

/**
 * Stochastic depth ("drop path") for a residual branch: zeroes the branch output of each
 * sample with probability `p` and scales the kept ones by `1/(1 − p)`, so `E[out] = x`; used as
 * `y = x + dropPath(f(x), p)`, it randomly shortens the network per sample during training.
 * Identity when not training or p = 0.
 * @see G. Huang et al., "Deep Networks with Stochastic Depth", ECCV 2016, https://arxiv.org/abs/1603.09382
 * @see https://pytorch.org/vision/stable/generated/torchvision.ops.stochastic_depth.html
 */
export function dropPath(x: Tensor, p = 0.5, options: DropPathFunctionOptions = {}): Tensor {
  checkDropProbability('dropPath', p)
  const { training = true, generator, mode = 'row' } = options
  checkMode('dropPath', mode)
  if (mode === 'row' && x.ndim === 0) {
    throw new ShapeError(
      'dropPath',
      "in 'row' mode the input needs a batch dimension, got a 0-d tensor",
      "pass a [N, …] batch, or use mode: 'batch'",
    )
  }
  if (!training || p === 0 || x.size === 0) return x
  const blocks = mode === 'row' ? x.shape[0]! : 1
  const scale = invertedScales(keepMask(blocks, p, generator), p)
  return blockAffine('dropPath', x, scale, null, x.size / blocks)
}

/**
 * Stochastic depth as a layer (timm's `DropPath`, torchvision's `StochasticDepth`):
 * {@link dropPath} in training mode, the identity in evaluation mode. Put it last in a residual
 * branch, e.g. `new Residual(new Sequential(conv, bn, new DropPath(0.1)))`.
 * @see https://arxiv.org/abs/1603.09382
 */
export class DropPath extends Module<[Tensor], Tensor> {
  /** Probability of dropping a sample's branch. */
  readonly p: number
  readonly mode: DropPathMode
  /** The generator masks are drawn from (`undefined`: the default generator). */
  readonly generator: Generator | undefined

  constructor(p = 0.5, options: DropPathOptions = {}) {
    super()
    checkDropProbability('DropPath', p)
    this.mode = options.mode ?? 'row'
    checkMode('DropPath', this.mode)
    this.p = p
    this.generator = options.generator
  }

  forward(x: Tensor): Tensor {
    return dropPath(x, this.p, {
      training: this.training,
      generator: this.generator,
      mode: this.mode,
    })
  }
}
