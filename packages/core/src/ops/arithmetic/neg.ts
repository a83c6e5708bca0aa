import { recordOp } from '../../autograd/graph'
import { allocate } from '../../dtype'
import { asTensor, Tensor, type TensorLike } from '../../tensor'

/** Elementwise `-a`. ∂/∂a = -1. */
export function neg(a: TensorLike): Tensor {
  const t = asTensor(a)
  const out = allocate(t.dtype, t.size)
  const x = t.data
  for (let i = 0; i < out.length; i++) out[i] = -x[i]!
  return recordOp(new Tensor(out, t.shape), 'neg', [t], (g) => [neg(g)])
}
