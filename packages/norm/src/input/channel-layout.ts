import { ArgumentError, formatShape, reshape, ShapeError, type Tensor } from '@knack/core'
import { checkFloat } from '../functional/check-param'

/** Where the statistics of a scaler live: one global value, or one per channel. */
export interface ChannelOptions {
  /**
   * Number of channels for per-channel statistics (C of `[N, C, H, W]` images, D of `[N, D]`
   * features); omit it for one global statistic over all values.
   */
  channels?: number
  /** The channel dimension, counted on the input, negative from the end (default 1). */
  dim?: number
}

/** An input seen as `[outer, channels, inner]` around its channel dimension. @internal */
export interface ChannelLayout {
  outer: number
  size: number
  inner: number
  /** The channel dimension, resolved (−1 for global statistics). */
  dim: number
}

/** Checks the constructor options of a per-channel scaler. @internal */
export function checkChannelOptions(op: string, options: ChannelOptions): void {
  const { channels, dim = 1 } = options
  if (channels !== undefined && (!Number.isInteger(channels) || channels < 1)) {
    throw new ArgumentError(
      op,
      `channels must be a positive integer, got ${channels}`,
      'omit it for one global statistic',
    )
  }
  if (!Number.isInteger(dim)) throw new ArgumentError(op, `dim must be an integer, got ${dim}`)
}

/**
 * Resolves the channel layout of `x` for statistics with `channels` entries along `dim` (global
 * when `channels` is undefined), checking the input. @internal
 */
export function channelLayout(
  op: string,
  x: Tensor,
  channels: number | undefined,
  dim: number,
): ChannelLayout {
  checkFloat(op, 'the input', x)
  if (x.ndim === 0) {
    throw new ShapeError(op, 'expected a batch, got a 0-d tensor', 'batch dimension first: [N, …]')
  }
  if (channels === undefined) return { outer: 1, size: 1, inner: x.size, dim: -1 }
  const d = dim < 0 ? dim + x.ndim : dim
  if (d < 1 || d >= x.ndim || x.shape[d] !== channels) {
    throw new ShapeError(
      op,
      `input ${formatShape(x.shape)} has no dimension ${dim} of size ${channels} (the channels)`,
      'pass a [N, …] input whose channel dimension (after the batch dimension) matches',
    )
  }
  let outer = 1
  let inner = 1
  for (let i = 0; i < d; i++) outer *= x.shape[i]!
  for (let i = d + 1; i < x.ndim; i++) inner *= x.shape[i]!
  return { outer, size: channels, inner, dim: d }
}

/** `stat` (`[C]`, or `[]` when global) reshaped to broadcast against an input of `ndim` dims. @internal */
export function channelView(stat: Tensor, layout: ChannelLayout, ndim: number): Tensor {
  if (layout.dim < 0) return stat
  return reshape(stat, [layout.size, ...new Array<number>(ndim - layout.dim - 1).fill(1)])
}
