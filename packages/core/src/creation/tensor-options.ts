import { allocate, type DType, type Storage } from '../dtype'
import { ArgumentError, DTypeError } from '../errors'
import type { Generator } from '../random/generator'
import { checkShape, formatShape, type Shape, sizeOf } from '../shape'
import { Tensor } from '../tensor'

/** Options of the creation functions (`zeros`, `tensor`, `arange`, …). */
export interface TensorOptions {
  /** Element type (default `float32`; integer typed arrays default to `int32` in `tensor`). */
  dtype?: DType
  /** Make the new tensor a leaf that autograd tracks (float32 only; default false). */
  requiresGrad?: boolean
}

/** Options of the random creation functions (`rand`, `randn`, `randint`, …). */
export interface RandomOptions extends TensorOptions {
  /** Where the randomness comes from (default: the generator seeded by `manualSeed`). */
  generator?: Generator
}

/** A shape given as a list of sizes, or a single size for a 1-d tensor. @internal */
export function resolveShape(op: string, shape: number | Shape): number[] {
  const list = typeof shape === 'number' ? [shape] : [...shape]
  checkShape(op, list)
  return list
}

/** Throws unless `dtype` is one Knack stores. @internal */
export function checkDType(op: string, dtype: DType): void {
  if (dtype !== 'float32' && dtype !== 'int32') {
    throw new DTypeError(op, `unknown dtype ${JSON.stringify(dtype)}`, "use 'float32' or 'int32'")
  }
}

/** Zeroed storage of `dtype` for `shape`, with a KnackError when it cannot be allocated. @internal */
export function allocateFor(op: string, dtype: DType, shape: Shape): Storage {
  checkDType(op, dtype)
  checkShape(op, shape)
  const size = sizeOf(shape)
  try {
    return allocate(dtype, size)
  } catch (cause) {
    throw new ArgumentError(
      op,
      `cannot allocate ${size} elements for shape ${formatShape(shape)}`,
      'use a smaller shape',
      { cause },
    )
  }
}

/** Wraps storage in a tensor and applies `requiresGrad` (refused for int32). @internal */
export function finishTensor(
  op: string,
  data: Storage,
  shape: Shape,
  requiresGrad: boolean | undefined,
): Tensor {
  if (requiresGrad && data instanceof Int32Array) {
    throw new DTypeError(
      op,
      'only float32 tensors can require gradients, got dtype int32',
      "create it with dtype 'float32', or leave requiresGrad off",
    )
  }
  return new Tensor(data, shape, requiresGrad === true)
}

/** `value` truncated toward zero as an int32, as PyTorch casts; throws outside int32. @internal */
export function toInt32(op: string, value: number): number {
  const t = Math.trunc(value)
  if (!(t >= -2147483648 && t <= 2147483647)) {
    throw new ArgumentError(
      op,
      `value ${value} does not fit in int32`,
      "int32 holds integers in [-2^31, 2^31 − 1]; use dtype 'float32'",
    )
  }
  return t
}

/** A new zero-filled tensor of `shape` with the dtype and `requiresGrad` of `options`. @internal */
export function zeroTensor(op: string, shape: number | Shape, options: TensorOptions): Tensor {
  const dims = resolveShape(op, shape)
  const data = allocateFor(op, options.dtype ?? 'float32', dims)
  return finishTensor(op, data, dims, options.requiresGrad)
}
