import { ArgumentError, formatShape } from '@knack/core'

/** Fan-in and fan-out of a weight, as {@link fans} computes them. */
export interface Fans {
  /** Inputs feeding each output unit: `shape[1] · receptiveField`. */
  fanIn: number
  /** Outputs each input unit feeds: `shape[0] · receptiveField`. */
  fanOut: number
  /** Product of the kernel dimensions `shape[2..]` (1 for a linear weight). */
  receptiveField: number
}

/** Which fan a scheme scales by: the inputs (preserves forward signals) or the outputs (gradients). */
export type FanMode = 'fanIn' | 'fanOut'

/**
 * Fan-in and fan-out of a weight with PyTorch's layouts: a linear weight `[out, in]` has
 * `fanIn = in`, `fanOut = out`; a convolution weight `[out, in / groups, k₁, …]` has
 * `fanIn = in/groups · k₁·…` and `fanOut = out · k₁·…`.
 * @see https://pytorch.org/docs/stable/nn.init.html
 */
export function fans(shape: readonly number[]): Fans {
  if (shape.length < 2) {
    throw new ArgumentError(
      'fans',
      `fan-in and fan-out need a weight of at least 2 dimensions, got shape ${formatShape(shape)}`,
      'fan-based schemes (xavier, kaiming, lecun, gaussian) are for weights; initialize biases with zeros(), constant() or uniform()',
    )
  }
  let receptiveField = 1
  for (let d = 2; d < shape.length; d++) receptiveField *= shape[d]!
  return { fanIn: shape[1]! * receptiveField, fanOut: shape[0]! * receptiveField, receptiveField }
}

/** The fan `mode` selects. @internal */
export function fanOf(shape: readonly number[], mode: FanMode): number {
  if (mode !== 'fanIn' && mode !== 'fanOut') {
    throw new ArgumentError(
      'fans',
      `unknown mode ${JSON.stringify(mode)}`,
      "use 'fanIn' or 'fanOut'",
    )
  }
  const f = fans(shape)
  return mode === 'fanIn' ? f.fanIn : f.fanOut
}
