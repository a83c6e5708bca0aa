import {
  ArgumentError,
  div,
  formatShape,
  type Module,
  mul,
  noGrad,
  Parameter,
  sqrt,
  sum,
  type Tensor,
} from '@knack/core'

/** Options of {@link weightNorm}. */
export interface WeightNormOptions {
  /** The parameter to reparameterize (default `'weight'`). */
  name?: string
  /**
   * The dimension that keeps one norm per slice (default 0: one per output unit); the norm runs
   * over every other dimension. `null` takes a single norm over the whole tensor.
   */
  dim?: number | null
}

/**
 * The Euclidean norm of `v` over every dimension except `dim` (kept as size 1), or over the
 * whole tensor (a scalar) when `dim` is `null`: `‖v‖ = √(Σ v²)`.
 */
export function normExceptDim(v: Tensor, dim: number | null): Tensor {
  const dims: number[] = []
  if (dim !== null) for (let d = 0; d < v.ndim; d++) if (d !== dim) dims.push(d)
  return dim === null ? sqrt(sum(mul(v, v))) : sqrt(sum(mul(v, v), dims, true))
}

/**
 * Weight normalization (PyTorch's `torch.nn.utils.weight_norm`): replaces the parameter `name`
 * of `layer` (any module with such a {@link Parameter}, e.g. `Linear` or `Conv2d`) by a
 * magnitude `${name}_g` and a direction `${name}_v`, both learned, and recomputes
 * `w = g · v / ‖v‖` (norm over every dimension but `dim`) at each forward. Starts from
 * `g = ‖w‖`, `v = w`, so the layer computes the same function. The layer's state dict holds
 * `${name}_g` and `${name}_v` instead of `${name}`, as in PyTorch. Returns `layer`.
 *
 * Unlike PyTorch, a negative `dim` is refused (PyTorch reads −1 as "whole tensor"): pass `null`
 * for that.
 * @see T. Salimans, D. P. Kingma, "Weight Normalization: A Simple Reparameterization to Accelerate Training of Deep Neural Networks", NeurIPS 2016, https://arxiv.org/abs/1602.07868
 * @see https://pytorch.org/docs/stable/generated/torch.nn.utils.weight_norm.html
 */
export function weightNorm<M extends Module>(layer: M, options: WeightNormOptions = {}): M {
  const { name = 'weight', dim = 0 } = options
  const fields = layer as unknown as Record<string, unknown>
  const weight = fields[name]
  const gName = `${name}_g`
  const vName = `${name}_v`
  if (!(weight instanceof Parameter)) {
    const already = fields[gName] instanceof Parameter && fields[vName] instanceof Parameter
    throw new ArgumentError(
      'weightNorm',
      already
        ? `'${name}' of ${layer.constructor.name} is already weight-normalized`
        : `${layer.constructor.name} has no parameter '${name}'`,
      already
        ? 'apply weightNorm once per parameter'
        : 'pass the name of a Parameter field, e.g. { name: "weight" }',
    )
  }
  if (dim !== null && (!Number.isInteger(dim) || dim < 0 || dim >= weight.ndim)) {
    throw new ArgumentError(
      'weightNorm',
      `dim ${dim} is out of range for '${name}' of shape ${formatShape(weight.shape)}`,
      `use a dimension in [0, ${weight.ndim - 1}], or null for one norm over the whole tensor`,
    )
  }
  const compute = (): Tensor => {
    const g = fields[gName] as Tensor
    const v = fields[vName] as Tensor
    return mul(v, div(g, normExceptDim(v, dim)))
  }
  noGrad(() => {
    layer.registerParameter(gName, new Parameter(normExceptDim(weight, dim)))
    layer.registerParameter(vName, new Parameter(weight.clone()))
    fields[name] = compute()
  })
  const forward = layer.forward
  layer.forward = (...inputs: unknown[]) => {
    fields[name] = compute()
    return forward.apply(layer, inputs)
  }
  return layer
}
