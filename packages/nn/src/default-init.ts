import { ArgumentError, type Generator, type Parameter, uniform_ } from '@knack/core'

/** The negative slope `a = √5` PyTorch passes to `kaiming_uniform_` for its default weights. */
const DEFAULT_SLOPE = Math.sqrt(5)

/**
 * PyTorch's default initialization of `Linear` and `Conv2d`, in place: the weight gets
 * `kaiming_uniform_(a = √5)`, i.e. U(−b, b) with `b = gain·√(3 / fanIn)` and
 * `gain = √(2 / (1 + a²)) = √(1/3)`, which is `b = 1/√fanIn`; the bias gets U(±1/√fanIn)
 * (both bounds are 0 when `fanIn = 0`).
 * @see https://pytorch.org/docs/stable/generated/torch.nn.Linear.html
 * @internal
 */
export function resetAffine(
  weight: Parameter,
  bias: Parameter | null,
  fanIn: number,
  generator?: Generator,
): void {
  if (!Number.isInteger(fanIn) || fanIn < 0) {
    throw new ArgumentError('resetAffine', `fanIn must be a non-negative integer, got ${fanIn}`)
  }
  const gain = Math.sqrt(2 / (1 + DEFAULT_SLOPE * DEFAULT_SLOPE))
  symmetricUniform(weight, fanIn > 0 ? gain * Math.sqrt(3 / fanIn) : 0, generator)
  if (bias !== null) symmetricUniform(bias, fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0, generator)
}

/** Fills `t` with U(−bound, bound), or zeros when `bound` is 0. */
function symmetricUniform(t: Parameter, bound: number, generator?: Generator): void {
  if (bound > 0) uniform_(t, -bound, bound, generator)
  else t.zero_()
}
