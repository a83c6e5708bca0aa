import { recordOp } from '../../autograd/graph'
import { getBackend } from '../../backend/registry'
import { expectDType } from '../../dtype'
import { ShapeError } from '../../errors'
import { formatShape, sizeOf } from '../../shape'
import { Tensor } from '../../tensor'

/**
 * Affine map of the last dimension, `y = x·Wᵀ + b`, with PyTorch's weight layout
 * `[out_features, in_features]`: `x` is `[…, in]`, `bias` is `[out]`, `y` is `[…, out]`.
 * `∂/∂x = G·W`, `∂/∂W = Gᵀ·x`, `∂/∂b = Σ G` over the leading dimensions.
 * @see https://pytorch.org/docs/stable/generated/torch.nn.functional.linear.html
 */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  expectDType('linear', 'the input', x.dtype, 'float32')
  expectDType('linear', 'the weight', weight.dtype, 'float32')
  if (weight.ndim !== 2) {
    throw new ShapeError(
      'linear',
      `weight must be 2-D [out_features, in_features], got ${formatShape(weight.shape)}`,
    )
  }
  const [outF, inF] = weight.shape as [number, number]
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== inF) {
    throw new ShapeError(
      'linear',
      `input ${formatShape(x.shape)} has ${x.ndim === 0 ? 'no' : x.shape[x.ndim - 1]} features but weight ${formatShape(weight.shape)} expects ${inF}`,
      'the weight is laid out [out_features, in_features], as in PyTorch',
    )
  }
  if (bias != null) {
    expectDType('linear', 'the bias', bias.dtype, 'float32')
    if (bias.ndim !== 1 || bias.shape[0] !== outF) {
      throw new ShapeError(
        'linear',
        `bias ${formatShape(bias.shape)} does not match weight ${formatShape(weight.shape)}`,
        `the bias must have shape [${outF}] (one value per output feature)`,
      )
    }
  }
  const rows = sizeOf(x.shape.slice(0, -1))
  const X = x.data as Float32Array
  const W = weight.data as Float32Array
  const out = new Float32Array(rows * outF)
  getBackend().matmul(X, W, out, { m: rows, n: outF, k: inF, transB: true })
  if (bias != null) {
    const b = bias.data
    for (let r = 0, o = 0; r < rows; r++) {
      for (let j = 0; j < outF; j++, o++) out[o]! += b[j]!
    }
  }
  const inputs = bias != null ? [x, weight, bias] : [x, weight]
  const result = new Tensor(out, [...x.shape.slice(0, -1), outF])
  return recordOp(result, 'linear', inputs, (grad) => {
    const G = grad.data as Float32Array
    const be = getBackend()
    let gradX: Tensor | null = null
    let gradW: Tensor | null = null
    if (x.requiresGrad) {
      const gX = new Float32Array(x.size)
      be.matmul(G, W, gX, { m: rows, n: inF, k: outF })
      gradX = new Tensor(gX, x.shape)
    }
    if (weight.requiresGrad) {
      const gW = new Float32Array(weight.size)
      be.matmul(G, X, gW, { m: outF, n: inF, k: rows, transA: true })
      gradW = new Tensor(gW, weight.shape)
    }
    if (bias == null) return [gradX, gradW]
    let gradB: Tensor | null = null
    if (bias.requiresGrad) {
      const sums = new Float64Array(outF)
      for (let r = 0, o = 0; r < rows; r++) {
        for (let j = 0; j < outF; j++, o++) sums[j]! += G[o]!
      }
      gradB = new Tensor(Float32Array.from(sums), bias.shape)
    }
    return [gradX, gradW, gradB]
  })
}
