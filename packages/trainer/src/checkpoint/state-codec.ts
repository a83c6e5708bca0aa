import { FormatError, Tensor } from '@knack/core'

/** How a tensor is stored inside JSON: dtype, shape and its little-endian bytes in base64. */
interface EncodedTensor {
  $tensor: { dtype: 'float32' | 'int32'; shape: number[]; base64: string }
}

const isEncodedTensor = (x: unknown): x is EncodedTensor =>
  typeof x === 'object' && x !== null && '$tensor' in x

/**
 * Turns a state (numbers, strings, arrays, records and tensors) into plain JSON, storing
 * tensors bit-exactly as base64 of their bytes.
 */
export function encodeState(value: unknown): unknown {
  if (value instanceof Tensor) {
    const bytes = Buffer.from(value.data.buffer, value.data.byteOffset, value.data.byteLength)
    return {
      $tensor: { dtype: value.dtype, shape: [...value.shape], base64: bytes.toString('base64') },
    }
  }
  if (Array.isArray(value)) return value.map(encodeState)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeState(v)]))
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) }
  return value
}

/** Inverse of {@link encodeState}. */
export function decodeState(value: unknown): unknown {
  if (isEncodedTensor(value)) {
    const { dtype, shape, base64 } = value.$tensor
    const bytes = Buffer.from(base64, 'base64')
    const size = shape.reduce((a, b) => a * b, 1)
    if (bytes.byteLength !== size * 4 || (dtype !== 'float32' && dtype !== 'int32')) {
      throw new FormatError(
        'loadCheckpoint',
        `a stored ${dtype} tensor of shape [${shape.join(',')}] has ${bytes.byteLength} bytes`,
        'the checkpoint file is damaged; use an earlier one',
      )
    }
    const copy = new Uint8Array(bytes)
    const data = dtype === 'int32' ? new Int32Array(copy.buffer) : new Float32Array(copy.buffer)
    return new Tensor(data, shape)
  }
  if (Array.isArray(value)) return value.map(decodeState)
  if (typeof value === 'object' && value !== null) {
    if ('$number' in value) return Number((value as { $number: string }).$number)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeState(v)]))
  }
  return value
}
