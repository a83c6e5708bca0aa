import { ArgumentError, formatShape } from '@knack/core'
import { requireNonNegative } from './checks'
import { formatOptions, type Initializer, makeInitializer } from './initializer'

/** Options of {@link orthogonal}. */
export interface OrthogonalOptions {
  /** Scale factor (default 1). */
  gain?: number
}

/**
 * (Semi-)orthogonal initialization, as `torch.nn.init.orthogonal_`: the weight, flattened to
 * `[shape[0], rest]`, becomes `gain · Q` with `Q` from the QR decomposition (Householder, sign
 * fixed by R's diagonal) of a standard normal matrix, so its rows (or columns, whichever are
 * fewer) are orthonormal and every singular value is `gain`.
 * @see A. M. Saxe et al., Exact solutions to the nonlinear dynamics of learning in deep linear neural networks, https://arxiv.org/abs/1312.6120
 */
export function orthogonal(options: OrthogonalOptions = {}): Initializer {
  const { gain = 1 } = options
  requireNonNegative('orthogonal', 'gain', gain)
  return makeInitializer(`orthogonal(${formatOptions({ gain })})`, (shape) => {
    if (shape.length < 2) {
      throw new ArgumentError(
        'orthogonal',
        `needs a tensor of at least 2 dimensions, got shape ${formatShape(shape)}`,
        'initialize biases with zeros() or constant()',
      )
    }
    return { kind: 'orthogonal', gain }
  })
}
