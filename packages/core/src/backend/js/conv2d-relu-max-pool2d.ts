import type { Conv2dGeometry, Window2d } from '../backend'
import { jsConv2d, jsConv2dBackward } from './conv2d'
import { jsMaxPool2d, jsMaxPool2dBackward } from './pool'
import { jsRelu, jsReluBackward } from './relu'

/**
 * Reference convolution block: the convolution into a scratch map, max pooling of that map,
 * then ReLU of the pooled maxima (`relu(maxPool(z)) = maxPool(relu(z))`: ReLU is monotone).
 */
export function jsConv2dReluMaxPool2d(
  input: Float32Array,
  weight: Float32Array,
  bias: Float32Array | null,
  out: Float32Array,
  indices: Int32Array,
  g: Conv2dGeometry,
  pool: Window2d,
): void {
  const z = new Float32Array(g.batch * g.outChannels * g.outH * g.outW)
  jsConv2d(input, weight, bias, z, g)
  jsMaxPool2d(z, out, indices, pool)
  jsRelu(out, out)
}

/**
 * Reference convolution-block backward: `gz = maxPoolBackward(reluBackward(gradOut, out))`,
 * then the convolution gradients from `gz`.
 */
export function jsConv2dReluMaxPool2dBackward(
  gradOut: Float32Array,
  out: Float32Array,
  indices: Int32Array,
  input: Float32Array,
  weight: Float32Array,
  gradInput: Float32Array | null,
  gradWeight: Float32Array | null,
  gradBias: Float32Array | null,
  g: Conv2dGeometry,
  pool: Window2d,
): void {
  const masked = new Float32Array(gradOut.length)
  jsReluBackward(gradOut, out, masked)
  const gz = new Float32Array(g.batch * g.outChannels * g.outH * g.outW)
  jsMaxPool2dBackward(masked, indices, gz, pool)
  jsConv2dBackward(gz, input, weight, gradInput, gradWeight, gradBias, g)
}
