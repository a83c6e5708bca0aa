import { ArgumentError } from '../errors'
import type { Tensor } from '../tensor'
import { allocateFor, finishTensor, type TensorOptions, toInt32 } from './tensor-options'

/**
 * A 1-d tensor of `steps` evenly spaced values from `start` to `end`, both included, like
 * `torch.linspace`: with `h = (end − start) / (steps − 1)`, the first half is `start + i·h`
 * and the second half `end − (steps − 1 − i)·h`, so both ends are exact.
 */
export function linspace(
  start: number,
  end: number,
  steps: number,
  options: TensorOptions = {},
): Tensor {
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new ArgumentError('linspace', `start and end must be finite, got ${start} and ${end}`)
  }
  if (!Number.isInteger(steps) || steps < 0) {
    throw new ArgumentError(
      'linspace',
      `steps must be a non-negative integer, got ${steps}`,
      'steps counts the values, ends included',
    )
  }
  const dtype = options.dtype ?? 'float32'
  const data = allocateFor('linspace', dtype, [steps])
  const h = steps > 1 ? (end - start) / (steps - 1) : 0
  const half = steps / 2
  for (let i = 0; i < steps; i++) {
    const v = i < half ? start + i * h : end - (steps - 1 - i) * h
    data[i] = dtype === 'int32' ? toInt32('linspace', v) : v
  }
  return finishTensor('linspace', data, [steps], options.requiresGrad)
}
