import { ArgumentError, type Module, Parameter } from '@knack/core'
import { isResidualBlock, PReLU } from '@knack/nn'

/** The last module of a branch that owns a `weight` (a parameterized activation aside). */
function lastWeighted(branch: Module[]): Module | null {
  const modules = branch.flatMap((m) => m.modules())
  for (let i = modules.length - 1; i >= 0; i--) {
    const m = modules[i]!
    if (m instanceof PReLU) continue
    if ((m as unknown as { weight?: unknown }).weight instanceof Parameter) return m
  }
  return null
}

/**
 * Zero-initializes the end of every residual branch (each `ResidualBlock` of `@knack/nn`, such
 * as `Residual` and `BasicBlock`), so that each block starts as the identity and the deep
 * network as a shallow one: the last normalization's scale γ (a 1-D `weight`) when the branch
 * ends with one, else the weight and bias of its last layer. Returns the names of the zeroed
 * parameters; throws, changing nothing, if a branch has no layer with a weight.
 * @see P. Goyal et al., Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour, https://arxiv.org/abs/1706.02677
 * @see H. Zhang et al., Fixup Initialization, https://arxiv.org/abs/1901.09321
 */
export function zeroInitResidual(model: Module): string[] {
  const names = new Map(model.namedParameters().map(([name, p]) => [p, name]))
  const targets: Parameter[] = []
  for (const [blockName, block] of model.namedModules()) {
    if (!isResidualBlock(block)) continue
    const last = lastWeighted(block.residualBranch())
    if (last === null) {
      throw new ArgumentError(
        'zeroInitResidual',
        `the residual branch of '${blockName || 'the model'}' (${block.constructor.name}) has no layer with a weight, nothing was changed`,
        'end the branch with a Linear, a convolution or a normalization layer',
      )
    }
    const { weight, bias } = last as unknown as { weight: Parameter; bias?: unknown }
    targets.push(weight)
    if (weight.ndim > 1 && bias instanceof Parameter) targets.push(bias)
  }
  for (const p of targets) p.zero_()
  return targets.map((p) => names.get(p)!)
}
