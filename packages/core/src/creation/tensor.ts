import type { DType, Storage } from '../dtype'
import { ArgumentError, ShapeError } from '../errors'
import { formatShape, type Shape, sizeOf } from '../shape'
import type { NestedArray, Tensor } from '../tensor'
import {
  allocateFor,
  checkDType,
  finishTensor,
  resolveShape,
  type TensorOptions,
  toInt32,
} from './tensor-options'

/** A typed array `tensor` accepts. */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint32Array
  | Uint16Array
  | Uint8Array
  | Uint8ClampedArray

/** Options of {@link tensor}. */
export interface TensorFromOptions extends TensorOptions {
  /** Shape to give the values (their count must match); default: inferred. */
  shape?: Shape
}

function isNumericArray(values: unknown): values is NumericArray {
  return ArrayBuffer.isView(values) && !(values instanceof DataView)
}

function isIntegerArray(values: NumericArray): boolean {
  return !(values instanceof Float32Array || values instanceof Float64Array)
}

function pathOf(path: number[]): string {
  return path.map((i) => `[${i}]`).join('')
}

/** Shape of nested arrays, read along the first element at each depth. */
function inferShape(values: NestedArray): number[] {
  const shape: number[] = []
  let v: unknown = values
  while (Array.isArray(v)) {
    shape.push(v.length)
    if (v.length === 0) break
    v = v[0]
  }
  return shape
}

/** Writes the leaves of `values` into `out` in row-major order, checking that nothing is ragged. */
function flattenInto(
  values: unknown,
  shape: number[],
  out: Storage,
  int: boolean,
  path: number[],
  offset: number,
): number {
  const depth = path.length
  if (depth === shape.length) {
    if (Array.isArray(values)) {
      throw new ShapeError(
        'tensor',
        `ragged nested array: element ${pathOf(path)} is an array but the first element at that depth is a number (inferred shape ${formatShape(shape)})`,
        'give every row the same length and depth',
      )
    }
    if (typeof values !== 'number') {
      throw new ArgumentError(
        'tensor',
        `element ${pathOf(path) || '(the value)'} is not a number: got ${typeof values} ${String(values)}`,
        'pass numbers, nested arrays of numbers, or a typed array',
      )
    }
    out[offset] = int ? toInt32('tensor', values) : values
    return offset + 1
  }
  const want = shape[depth]!
  if (!Array.isArray(values) || values.length !== want) {
    const got = Array.isArray(values) ? `has length ${values.length}` : 'is a number'
    throw new ShapeError(
      'tensor',
      `ragged nested array: element ${pathOf(path)} ${got} but an array of length ${want} was expected (inferred shape ${formatShape(shape)})`,
      'give every row the same length and depth',
    )
  }
  for (let i = 0; i < want; i++) {
    path.push(i)
    offset = flattenInto(values[i], shape, out, int, path, offset)
    path.pop()
  }
  return offset
}

function fromTypedArray(values: NumericArray, dtype: DType): Storage {
  if (dtype === 'float32') return Float32Array.from(values)
  if (values instanceof Int32Array) return values.slice()
  const out = allocateFor('tensor', 'int32', [values.length])
  for (let i = 0; i < values.length; i++) out[i] = toInt32('tensor', values[i]!)
  return out
}

/**
 * A new tensor holding a copy of `values`: a number (0-d), nested arrays (shape inferred;
 * ragged arrays are refused), or a typed array (1-d, or `options.shape`), like `torch.tensor`.
 * The dtype defaults to float32, and to int32 for integer typed arrays; values converted to
 * int32 are truncated toward zero.
 */
export function tensor(
  values: number | NestedArray | NumericArray,
  options: TensorFromOptions = {},
): Tensor {
  let data: Storage
  let shape: number[]
  if (isNumericArray(values)) {
    const dtype = options.dtype ?? (isIntegerArray(values) ? 'int32' : 'float32')
    checkDType('tensor', dtype)
    data = fromTypedArray(values, dtype)
    shape = [values.length]
  } else {
    const dtype = options.dtype ?? 'float32'
    shape = inferShape(values)
    data = allocateFor('tensor', dtype, shape)
    flattenInto(values, shape, data, dtype === 'int32', [], 0)
  }
  if (options.shape !== undefined) {
    const wanted = resolveShape('tensor', options.shape)
    if (sizeOf(wanted) !== data.length) {
      throw new ShapeError(
        'tensor',
        `${data.length} values do not fill shape ${formatShape(wanted)} (${sizeOf(wanted)} elements)`,
        'pass a shape whose sizes multiply to the number of values',
      )
    }
    shape = wanted
  }
  return finishTensor('tensor', data, shape, options.requiresGrad)
}
