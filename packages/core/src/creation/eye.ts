import type { Tensor } from '../tensor'
import { type TensorOptions, zeroTensor } from './tensor-options'

/** A new `n × m` matrix (default square) with ones on the main diagonal and zeros elsewhere. */
export function eye(n: number, m: number = n, options: TensorOptions = {}): Tensor {
  const t = zeroTensor('eye', [n, m], options)
  const data = t.data
  const k = Math.min(n, m)
  for (let i = 0; i < k; i++) data[i * m + i] = 1
  return t
}
