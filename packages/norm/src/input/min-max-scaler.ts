import { ArgumentError, add, div, full, mul, sub, Tensor, zeros } from '@knack/core'
import {
  type ChannelLayout,
  type ChannelOptions,
  channelLayout,
  channelView,
  checkChannelOptions,
} from './channel-layout'
import { InputTransform } from './input-transform'

/** Options of {@link MinMaxScaler}. */
export interface MinMaxScalerOptions extends ChannelOptions {
  /** The target interval `[lo, hi]`, e.g. `[0, 1]` (default) or `[-1, 1]`. */
  featureRange?: readonly [number, number]
}

/**
 * Min-max scaling fitted on data: `y = lo + (x − min)·(hi − lo)/(max − min)`, mapping the
 * training range onto `featureRange` (a constant channel maps to `lo`), either global or per
 * channel. Buffers `data_min` and `data_max` (shape `[C]`, or `[]` when global). Inverse:
 * `x = min + (y − lo)·(max − min)/(hi − lo)`.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.MinMaxScaler.html
 */
export class MinMaxScaler extends InputTransform {
  /** Number of channels with their own statistics, `undefined` for global ones. */
  readonly channels: number | undefined
  /** The channel dimension. */
  readonly dim: number
  /** The target interval `[lo, hi]`. */
  readonly featureRange: readonly [number, number]
  /** Fitted minimum per channel (or global). */
  declare data_min: Tensor
  /** Fitted maximum per channel (or global). */
  declare data_max: Tensor

  constructor(options: MinMaxScalerOptions = {}) {
    super()
    checkChannelOptions('MinMaxScaler', options)
    const { featureRange = [0, 1] } = options
    if (!(Number.isFinite(featureRange[0]) && featureRange[1] > featureRange[0])) {
      throw new ArgumentError(
        'MinMaxScaler',
        `featureRange must be finite [lo, hi] with lo < hi, got [${featureRange.join(', ')}]`,
        'use e.g. [0, 1] or [-1, 1]',
      )
    }
    this.featureRange = [featureRange[0], featureRange[1]]
    this.channels = options.channels
    this.dim = options.dim ?? 1
    const shape = this.channels === undefined ? [] : [this.channels]
    this.registerBuffer('data_min', zeros(shape))
    this.registerBuffer('data_max', full(shape, 1))
  }

  /** Fits the minimum and maximum to `x`. */
  fit(x: Tensor): this {
    const { outer, size, inner } = channelLayout('MinMaxScaler.fit', x, this.channels, this.dim)
    if (outer * inner === 0) {
      throw new ArgumentError('MinMaxScaler.fit', 'the input holds no values', 'fit on data')
    }
    const src = x.data
    const lo = new Float32Array(size).fill(Infinity)
    const hi = new Float32Array(size).fill(-Infinity)
    for (let o = 0; o < outer; o++) {
      for (let c = 0; c < size; c++) {
        const base = (o * size + c) * inner
        let a = lo[c]!
        let b = hi[c]!
        for (let i = base; i < base + inner; i++) {
          const v = src[i]!
          if (v < a) a = v
          if (v > b) b = v
        }
        lo[c] = a
        hi[c] = b
      }
    }
    for (let c = 0; c < size; c++) {
      if (!Number.isFinite(lo[c]!) || !Number.isFinite(hi[c]!)) {
        throw new ArgumentError(
          'MinMaxScaler.fit',
          `channel ${c} has a non-finite or missing range [${lo[c]}, ${hi[c]}]`,
          'remove NaN and infinite values before fitting',
        )
      }
    }
    this.data_min.data.set(lo)
    this.data_max.data.set(hi)
    this.markFitted(x.shape[0]!)
    return this
  }

  /** The scale `(hi − lo)/(max − min)` per channel (a zero range counts as 1), for broadcasting. */
  #scale(layout: ChannelLayout, ndim: number): Tensor {
    const [lo, hi] = this.featureRange
    const scale = new Float32Array(layout.size)
    for (let c = 0; c < layout.size; c++) {
      const range = this.data_max.data[c]! - this.data_min.data[c]!
      scale[c] = (hi - lo) / (range > 0 ? range : 1)
    }
    return channelView(new Tensor(scale, this.data_min.shape), layout, ndim)
  }

  /** `lo + (x − min)·(hi − lo)/(max − min)`. */
  transform(x: Tensor): Tensor {
    this.checkFitted('transform', x)
    const layout = channelLayout('MinMaxScaler.transform', x, this.channels, this.dim)
    const min = channelView(this.data_min, layout, x.ndim)
    return add(mul(sub(x, min), this.#scale(layout, x.ndim)), this.featureRange[0])
  }

  /** `min + (y − lo)·(max − min)/(hi − lo)`. */
  inverseTransform(y: Tensor): Tensor {
    this.checkFitted('inverseTransform', y)
    const layout = channelLayout('MinMaxScaler.inverseTransform', y, this.channels, this.dim)
    const min = channelView(this.data_min, layout, y.ndim)
    return add(div(sub(y, this.featureRange[0]), this.#scale(layout, y.ndim)), min)
  }
}
