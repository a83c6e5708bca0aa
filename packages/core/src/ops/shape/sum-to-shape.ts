import { type Shape, shapesEqual } from '../../shape'
import type { Tensor } from '../../tensor'
import { sum } from '../reduce/sum'
import { reshape } from './reshape'

/**
 * Reverses broadcasting: sums `grad` over the dimensions that broadcasting added or
 * stretched, so that the result has `shape`. Used by the backward of broadcasting ops.
 */
export function sumToShape(grad: Tensor, shape: Shape): Tensor {
  if (shapesEqual(grad.shape, shape)) return grad
  const lead = grad.ndim - shape.length
  const dims: number[] = []
  for (let i = 0; i < grad.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) dims.push(i)
  }
  return reshape(sum(grad, dims, false), shape)
}
