import { DTypeError } from './errors'

/** Element type of a tensor: `float32` for values, `int32` for labels and indices. */
export type DType = 'float32' | 'int32'

/** Storage of a tensor: a `Float32Array` for `float32`, an `Int32Array` for `int32`. */
export type Storage = Float32Array | Int32Array

/** Allocates zeroed storage for `size` elements of `dtype`. */
export function allocate(dtype: DType, size: number): Storage {
  return dtype === 'int32' ? new Int32Array(size) : new Float32Array(size)
}

/** The dtype of a result combining `a` and `b`: int32 only when both are int32. */
export function promote(a: DType, b: DType): DType {
  return a === 'int32' && b === 'int32' ? 'int32' : 'float32'
}

export function dtypeOf(storage: Storage): DType {
  return storage instanceof Int32Array ? 'int32' : 'float32'
}

/** Throws unless the tensor-like has the wanted dtype. */
export function expectDType(op: string, what: string, got: DType, want: DType): void {
  if (got !== want) {
    throw new DTypeError(
      op,
      `${what} must be ${want}, got ${got}`,
      want === 'int32' ? 'convert with .toInt()' : 'convert with .toFloat()',
    )
  }
}
