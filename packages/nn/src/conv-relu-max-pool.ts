import { conv2dReluMaxPool2d, type Tensor } from '@knack/core'
import { ReLU } from './activations'
import { Conv2d } from './conv2d'
import type { Layer } from './layer'
import { MaxPool2d } from './max-pool2d'

const exactly = <T>(layer: Layer | undefined, kind: abstract new (...args: never[]) => T) =>
  layer !== undefined && Object.getPrototypeOf(layer) === kind.prototype

/**
 * When `layers[i..i+2]` are a {@link Conv2d}, a {@link ReLU} and a {@link MaxPool2d} (those
 * classes exactly: a subclass may change what its forward does), the three as one
 * `conv2dReluMaxPool2d` call, which gives the same values and gradients while moving far less
 * memory; otherwise null.
 */
export function convReluMaxPool(
  layers: readonly Layer[],
  i: number,
): ((x: Tensor) => Tensor) | null {
  const [conv, act, pool] = [layers[i], layers[i + 1], layers[i + 2]]
  if (!exactly(conv, Conv2d) || !exactly(act, ReLU) || !exactly(pool, MaxPool2d)) return null
  const c = conv as Conv2d
  const p = pool as MaxPool2d
  return (x) =>
    conv2dReluMaxPool2d(
      x,
      c.weight,
      c.bias,
      { stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups },
      { kernelSize: p.kernelSize, stride: p.stride, padding: p.padding, dilation: p.dilation },
    )
}
