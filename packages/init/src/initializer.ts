import {
  ArgumentError,
  type Generator,
  normal_,
  type Tensor,
  truncNormal_,
  uniform_,
  zeros,
} from '@knack/core'
import { orthonormalFactor } from './qr'

/** What an {@link Initializer} draws for a tensor of a given shape. */
export type Distribution =
  | { kind: 'uniform'; low: number; high: number }
  | { kind: 'normal'; mean: number; std: number }
  | { kind: 'truncatedNormal'; mean: number; std: number; low: number; high: number }
  | { kind: 'constant'; value: number }
  | { kind: 'orthogonal'; gain: number }

/**
 * A weight-initialization scheme: call it on a tensor to fill the tensor in place (outside the
 * graph; a generator makes it reproducible). `distribution(shape)` tells what it draws for a
 * shape (bounds, std), and `label` names it in reports.
 */
export interface Initializer {
  (tensor: Tensor, generator?: Generator): Tensor
  /** The scheme and its options, e.g. `kaimingNormal(a=0, mode=fanIn, nonlinearity=relu)`. */
  readonly label: string
  distribution(shape: readonly number[]): Distribution
}

/** Fills `tensor` with `gain · Q`, `Q` a random (semi-)orthogonal matrix of its flattened shape. */
function fillOrthogonal(tensor: Tensor, gain: number, generator?: Generator): void {
  const rows = tensor.shape[0]!
  const cols = tensor.size / rows
  const tall = rows >= cols
  const [m, n] = tall ? [rows, cols] : [cols, rows]
  const gaussian = normal_(zeros([m, n]), 0, 1, generator)
  const q = orthonormalFactor(Float64Array.from(gaussian.data), m, n)
  const out = tensor.data
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = gain * (tall ? q[i * n + j]! : q[j * n + i]!)
  }
}

function draw(tensor: Tensor, d: Distribution, generator?: Generator): void {
  switch (d.kind) {
    case 'uniform':
      uniform_(tensor, d.low, d.high, generator)
      return
    case 'normal':
      normal_(tensor, d.mean, d.std, generator)
      return
    case 'truncatedNormal':
      truncNormal_(tensor, d.mean, d.std, d.low, d.high, generator)
      return
    case 'constant':
      tensor.fill_(d.value)
      return
    case 'orthogonal':
      fillOrthogonal(tensor, d.gain, generator)
      return
  }
}

/**
 * Builds an {@link Initializer} from its label and its distribution for a shape; empty tensors
 * are left as they are. @internal
 */
export function makeInitializer(
  label: string,
  distribution: (shape: readonly number[]) => Distribution,
): Initializer {
  const init = (tensor: Tensor, generator?: Generator): Tensor => {
    if (tensor.size === 0) return tensor
    if (tensor.dtype !== 'float32' && distribution(tensor.shape).kind !== 'constant') {
      throw new ArgumentError(
        label,
        `random initialization needs a float32 tensor, got ${tensor.dtype}`,
        'convert with .toFloat(), or use constant() for an int32 tensor',
      )
    }
    draw(tensor, distribution(tensor.shape), generator)
    return tensor
  }
  return Object.assign(init, { label, distribution })
}

/** Formats options for labels: `a=0, mode=fanIn`. @internal */
export function formatOptions(options: Record<string, number | string>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(6)) : v}`)
    .join(', ')
}
