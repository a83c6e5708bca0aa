import { recordOp } from '../../autograd/graph'
import { allocate, type DType, type Storage } from '../../dtype'
import { Tensor } from '../../tensor'

/** Forward kernel of an elementwise op: writes `f(x[i])` into `out[i]` for every `i`. */
export type UnaryForward = (x: Storage, out: Storage) => void

/**
 * Backward kernel of an elementwise op: writes `g[i] · f′(x[i])` into `dx[i]`, given the
 * output gradient `g`, the input `x` and the forward result `y` (all of one size).
 */
export type UnaryBackward = (g: Storage, x: Storage, y: Storage, dx: Float32Array) => void

/**
 * Builds an elementwise op from two plain-loop kernels: allocates the result (float32, or the
 * input's dtype with `outDType = 'same'`), runs `forward`, and records `backward` on the graph.
 * Used by exp, log, the activations and the other one-input ops.
 */
export function elementwiseUnary(
  name: string,
  x: Tensor,
  forward: UnaryForward,
  backward: UnaryBackward,
  outDType: DType | 'same' = 'float32',
): Tensor {
  const out = allocate(outDType === 'same' ? x.dtype : outDType, x.size)
  forward(x.data, out)
  const result = new Tensor(out, x.shape)
  return recordOp(result, name, [x], (g) => {
    const dx = new Float32Array(x.size)
    backward(g.data, x.data, out, dx)
    return [new Tensor(dx, x.shape)]
  })
}
