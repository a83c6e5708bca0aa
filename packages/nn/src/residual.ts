import { formatShape, Module, ShapeError, type Tensor } from '@knack/core'
import type { Layer } from './layer'

/**
 * A block that adds a learned branch to a shortcut, `y = shortcut(x) + branch(x)`.
 * `residualBranch()` lists the branch's modules in forward order, so that tools (e.g.
 * `zeroInitResidual` in `@knack/init`) can find the layer whose output is added last.
 */
export interface ResidualBlock {
  residualBranch(): Module[]
}

/** Whether `module` is a {@link ResidualBlock} (it has a `residualBranch()` method). */
export function isResidualBlock(module: Module): module is Module & ResidualBlock {
  return typeof (module as Partial<ResidualBlock>).residualBranch === 'function'
}

/** Options of {@link Residual}. */
export interface ResidualOptions {
  /** Maps the input to the branch's output shape when they differ (a 1×1 conv, a Linear). */
  projection?: Layer
}

/** Adds `a + b`, or explains which shapes differ and how to fix it. @internal */
export function addResidual(op: string, branch: Tensor, shortcut: Tensor): Tensor {
  const same =
    branch.ndim === shortcut.ndim && branch.shape.every((d, i) => d === shortcut.shape[i])
  if (!same) {
    throw new ShapeError(
      op,
      `the branch output ${formatShape(branch.shape)} differs from the shortcut ${formatShape(shortcut.shape)}`,
      'give the block a projection that maps the input to the branch output shape (e.g. a 1x1 Conv2d or a Linear)',
    )
  }
  return branch.add(shortcut)
}

/**
 * Residual connection `y = x + f(x)`, or `y = P(x) + f(x)` with a projection `P`: the branch
 * `f` learns a correction to the identity, which keeps deep networks trainable. Children are
 * named `body` and `projection`.
 * @see K. He et al., Deep Residual Learning for Image Recognition, https://arxiv.org/abs/1512.03385
 */
export class Residual extends Module<[Tensor], Tensor> implements ResidualBlock {
  body: Layer
  projection: Layer | null

  constructor(body: Layer, options: ResidualOptions = {}) {
    super()
    this.body = body
    this.projection = options.projection ?? null
  }

  residualBranch(): Module[] {
    return [this.body]
  }

  forward(x: Tensor): Tensor {
    const shortcut = this.projection === null ? x : this.projection.forward(x)
    return addResidual('Residual', this.body.forward(x), shortcut)
  }
}
