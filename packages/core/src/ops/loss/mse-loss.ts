import { recordOp } from '../../autograd/graph'
import { expectDType } from '../../dtype'
import { ShapeError } from '../../errors'
import { formatShape, shapesEqual } from '../../shape'
import { Tensor } from '../../tensor'
import { checkReduction, type Reduction } from './reduction'

/** Options of {@link mseLoss}. */
export interface MseLossOptions {
  /** Default `'mean'` (over all elements). */
  reduction?: Reduction
}

/**
 * Mean squared error `(input − target)²`, averaged (`'mean'`), summed (`'sum'`) or kept per
 * element (`'none'`). Unlike PyTorch, which broadcasts with a warning, the shapes must match.
 * ∂/∂input = 2(input − target)·g / n for the mean, and the negative of that for the target.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.mse_loss.html
 */
export function mseLoss(input: Tensor, target: Tensor, options: MseLossOptions = {}): Tensor {
  const { reduction = 'mean' } = options
  checkReduction('mseLoss', reduction)
  expectDType('mseLoss', 'input', input.dtype, 'float32')
  expectDType('mseLoss', 'target', target.dtype, 'float32')
  if (!shapesEqual(input.shape, target.shape)) {
    throw new ShapeError(
      'mseLoss',
      `input ${formatShape(input.shape)} and target ${formatShape(target.shape)} differ in shape`,
      'reshape the target to the input shape (e.g. [N] vs [N,1] is a common slip)',
    )
  }
  const x = input.data
  const y = target.data
  const n = x.length
  let out: Tensor
  if (reduction === 'none') {
    const squares = new Float32Array(n)
    for (let i = 0; i < n; i++) {
      const d = x[i]! - y[i]!
      squares[i] = d * d
    }
    out = new Tensor(squares, input.shape)
  } else {
    let total = 0
    for (let i = 0; i < n; i++) {
      const d = x[i]! - y[i]!
      total += d * d
    }
    out = new Tensor(Float32Array.of(reduction === 'sum' ? total : total / n), [])
  }
  return recordOp(out, 'mseLoss', [input, target], (g) => {
    const gd = g.data
    const grad = new Float32Array(n)
    if (reduction === 'none') {
      for (let i = 0; i < n; i++) grad[i] = 2 * (x[i]! - y[i]!) * gd[i]!
    } else {
      const scale = (2 * gd[0]!) / (reduction === 'sum' ? 1 : n)
      for (let i = 0; i < n; i++) grad[i] = scale * (x[i]! - y[i]!)
    }
    let gradTarget: Tensor | null = null
    if (target.requiresGrad) {
      const negated = new Float32Array(n)
      for (let i = 0; i < n; i++) negated[i] = -grad[i]!
      gradTarget = new Tensor(negated, target.shape)
    }
    return [input.requiresGrad ? new Tensor(grad, input.shape) : null, gradTarget]
  })
}
