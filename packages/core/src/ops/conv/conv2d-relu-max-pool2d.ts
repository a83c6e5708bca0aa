import { recordOp } from '../../autograd/graph'
import { getBackend } from '../../backend/registry'
import { Tensor } from '../../tensor'
import { reshape } from '../shape/reshape'
import { type Conv2dOptions, conv2dGeometry, conv2dInputGrads } from './conv2d'
import { type MaxPool2dOptions, maxPool2dWindow } from './max-pool2d'

/**
 * The convolution block of most CNNs in one op:
 * `maxPool2d(relu(conv2d(input, weight, bias, conv)), pool)`, with the same values and
 * gradients (ReLU is monotone, so it is applied to the pooled maxima instead). The
 * convolution's output and its gradient stay inside the backend (the `wasm` backend never
 * copies them to JS), so the block moves a fraction of the memory the three ops do; autograd
 * records one node, which keeps only the input, the weight, the pooled output and the indices.
 * `input` is `[N, C, H, W]` or unbatched `[C, H, W]`; the options are those of
 * {@link conv2d} and {@link maxPool2d}.
 * @see https://js.tensorflow.org/api/latest/#fused.conv2d (the fused convolution of TensorFlow.js)
 */
export function conv2dReluMaxPool2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  conv: Conv2dOptions,
  pool: MaxPool2dOptions,
): Tensor {
  if (input.ndim === 3) {
    const batched = conv2dReluMaxPool2d(
      reshape(input, [1, ...input.shape]),
      weight,
      bias,
      conv,
      pool,
    )
    return reshape(batched, batched.shape.slice(1))
  }
  const op = 'conv2dReluMaxPool2d'
  const geometry = conv2dGeometry(op, input, weight, bias, conv)
  const { batch, outChannels, outH, outW } = geometry
  const convShape = [batch, outChannels, outH, outW]
  const window = maxPool2dWindow(op, convShape, batch * outChannels, pool)
  const size = batch * outChannels * window.outH * window.outW
  const X = input.data as Float32Array
  const Wt = weight.data as Float32Array
  const out = new Float32Array(size)
  const indices = new Int32Array(size)
  const B = bias != null ? (bias.data as Float32Array) : null
  getBackend().conv2dReluMaxPool2d(X, Wt, B, out, indices, geometry, window)
  const result = new Tensor(out, [batch, outChannels, window.outH, window.outW])
  const inputs = bias != null ? [input, weight, bias] : [input, weight]
  return recordOp(result, op, inputs, (grad) =>
    conv2dInputGrads(input, weight, bias, (gX, gW, gB) =>
      getBackend().conv2dReluMaxPool2dBackward(
        grad.data as Float32Array,
        out,
        indices,
        X,
        Wt,
        gX,
        gW,
        gB,
        geometry,
        window,
      ),
    ),
  )
}
