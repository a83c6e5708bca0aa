import type { Generator } from '@knack/core'
import { Conv2d, Flatten, type Layer, Linear, MaxPool2d, ReLU, Sequential } from '@knack/nn'
import { BatchNorm2d } from '@knack/norm'
import { Dropout } from '@knack/regularizers'

/** Options of {@link buildCnn}. */
export interface CnnOptions {
  /** Channels of the first convolution; the second has twice as many. */
  width: number
  batchNorm: boolean
  /** Dropout probability before the classifier (0 for none); masks come from the default generator, saved in checkpoints. */
  dropout: number
  /** Draws the layers' default initialization. */
  generator: Generator
}

/**
 * The demo's CNN for 28×28 digits: two blocks of 3×3 convolution (+ batch norm) + ReLU +
 * 2×2 max-pooling, then dropout and a linear classifier over the 7×7 maps.
 */
export function buildCnn(options: CnnOptions): Sequential {
  const { width, batchNorm, dropout, generator } = options
  const block = (inChannels: number, outChannels: number): Layer[] => [
    new Conv2d(inChannels, outChannels, 3, { padding: 1, bias: !batchNorm, generator }),
    ...(batchNorm ? [new BatchNorm2d(outChannels)] : []),
    new ReLU(),
    new MaxPool2d(2),
  ]
  return new Sequential(
    ...block(1, width),
    ...block(width, 2 * width),
    new Flatten(),
    ...(dropout > 0 ? [new Dropout(dropout)] : []),
    new Linear(2 * width * 7 * 7, 10, { generator }),
  )
}
