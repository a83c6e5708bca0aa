import { ArgumentError, add, div, full, mul, sub, type Tensor, zeros } from '@knack/core'
import {
  type ChannelOptions,
  channelLayout,
  channelView,
  checkChannelOptions,
} from './channel-layout'
import { InputTransform } from './input-transform'

/**
 * Standardization fitted on data: `y = (x − μ) / s`, with the mean μ and population standard
 * deviation s (a constant channel gets s = 1) of the training inputs, either global or per
 * channel (`{ channels: C }`: per channel of `[N, C, H, W]` images, per feature of `[N, D]`).
 * Buffers `mean` and `scale` (shape `[C]`, or `[]` when global). Inverse: `x = y·s + μ`.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.StandardScaler.html
 */
export class StandardScaler extends InputTransform {
  /** Number of channels with their own statistics, `undefined` for global ones. */
  readonly channels: number | undefined
  /** The channel dimension. */
  readonly dim: number
  /** Fitted mean per channel (or global). */
  declare mean: Tensor
  /** Fitted standard deviation per channel (or global), 1 where it is 0. */
  declare scale: Tensor

  constructor(options: ChannelOptions = {}) {
    super()
    checkChannelOptions('StandardScaler', options)
    this.channels = options.channels
    this.dim = options.dim ?? 1
    const shape = this.channels === undefined ? [] : [this.channels]
    this.registerBuffer('mean', zeros(shape))
    this.registerBuffer('scale', full(shape, 1))
  }

  /** Fits the mean and standard deviation to `x` (two passes in float64). */
  fit(x: Tensor): this {
    const { outer, size, inner } = channelLayout('StandardScaler.fit', x, this.channels, this.dim)
    const count = outer * inner
    if (count === 0) {
      throw new ArgumentError('StandardScaler.fit', 'the input holds no values', 'fit on data')
    }
    const src = x.data
    const mean = new Float64Array(size)
    const squares = new Float64Array(size)
    for (let o = 0; o < outer; o++) {
      for (let c = 0; c < size; c++) {
        const base = (o * size + c) * inner
        let s = 0
        for (let i = base; i < base + inner; i++) s += src[i]!
        mean[c]! += s
      }
    }
    for (let c = 0; c < size; c++) mean[c]! /= count
    for (let o = 0; o < outer; o++) {
      for (let c = 0; c < size; c++) {
        const base = (o * size + c) * inner
        const m = mean[c]!
        let s = 0
        for (let i = base; i < base + inner; i++) s += (src[i]! - m) ** 2
        squares[c]! += s
      }
    }
    for (let c = 0; c < size; c++) {
      this.mean.data[c] = mean[c]!
      this.scale.data[c] = squares[c]! > 0 ? Math.sqrt(squares[c]! / count) : 1
    }
    this.markFitted(x.shape[0]!)
    return this
  }

  /** `(x − μ) / s`. */
  transform(x: Tensor): Tensor {
    this.checkFitted('transform', x)
    const layout = channelLayout('StandardScaler.transform', x, this.channels, this.dim)
    return div(
      sub(x, channelView(this.mean, layout, x.ndim)),
      channelView(this.scale, layout, x.ndim),
    )
  }

  /** `y·s + μ`. */
  inverseTransform(y: Tensor): Tensor {
    this.checkFitted('inverseTransform', y)
    const layout = channelLayout('StandardScaler.inverseTransform', y, this.channels, this.dim)
    return add(
      mul(y, channelView(this.scale, layout, y.ndim)),
      channelView(this.mean, layout, y.ndim),
    )
  }
}
