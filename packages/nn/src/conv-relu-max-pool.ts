import { conv2dReluMaxPool2d, type Tensor } from '@knack/core'
import { ReLU } from './activations'
import { Conv2d } from './conv2d'
import type { Layer } from './layer'
import { MaxPool2d } from './max-pool2d'

/**
 * Whether `layer` is a `kind` that runs its class's own `forward`: not overridden by a
 * subclass, not wrapped for forward hooks (which must see each call).
 */
const plain = (layer: Layer | undefined, kind: typeof Conv2d | typeof ReLU | typeof MaxPool2d) =>
  layer instanceof kind && layer.forward === kind.prototype.forward

/**
 * When `layers[i..i+2]` are a {@link Conv2d}, a {@link ReLU} and a {@link MaxPool2d} running
 * their classes' own `forward` (no override, no forward hooks), the three as one
 * `conv2dReluMaxPool2d` call, which gives the same values and gradients while moving far less
 * memory; otherwise null.
 */
export function convReluMaxPool(
  layers: readonly Layer[],
  i: number,
): ((x: Tensor) => Tensor) | null {
  const [conv, act, pool] = [layers[i], layers[i + 1], layers[i + 2]]
  if (!plain(conv, Conv2d) || !plain(act, ReLU) || !plain(pool, MaxPool2d)) return null
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
