import { ArgumentError } from '../errors'
import type { Tensor } from '../tensor'
import { allocateFor, finishTensor, type TensorOptions, toInt32 } from './tensor-options'

/**
 * A 1-d tensor of `start, start + step, …` up to but excluding `end`, like `torch.arange`:
 * `⌈(end − start) / step⌉` values `start + i·step` (computed in float64, then stored).
 * With one argument, `arange(n)` counts `0 … n−1`.
 */
export function arange(start: number, end?: number, step = 1, options: TensorOptions = {}): Tensor {
  if (end === undefined) {
    end = start
    start = 0
  }
  for (const [name, v] of [
    ['start', start],
    ['end', end],
    ['step', step],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ArgumentError('arange', `${name} must be a finite number, got ${v}`)
    }
  }
  if (step === 0) throw new ArgumentError('arange', 'step must not be 0')
  if ((end - start) * step < 0) {
    throw new ArgumentError(
      'arange',
      `step ${step} points away from end: start=${start}, end=${end}`,
      'use a negative step to count down',
    )
  }
  const n = Math.ceil((end - start) / step)
  const dtype = options.dtype ?? 'float32'
  const data = allocateFor('arange', dtype, [n])
  if (dtype === 'int32') for (let i = 0; i < n; i++) data[i] = toInt32('arange', start + i * step)
  else for (let i = 0; i < n; i++) data[i] = start + i * step
  return finishTensor('arange', data, [n], options.requiresGrad)
}
