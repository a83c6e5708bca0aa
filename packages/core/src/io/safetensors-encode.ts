import { ArgumentError } from '../errors'
import { Tensor } from '../tensor'
import { quote } from './strict-json'

const OP = 'encodeSafetensors'

/**
 * Writes tensors as a `.safetensors` file: an 8-byte little-endian header length N, N bytes of
 * UTF-8 JSON `{"__metadata__"?: {…}, name: {dtype, shape, data_offsets: [begin, end]}, …}`
 * padded with spaces so the data starts at a multiple of 8, then the little-endian data.
 * float32 tensors are stored as F32 and int32 as I32. Names (and metadata keys) are sorted, and
 * the data follows the header's order, so the same tensors always give the same bytes.
 * @see https://github.com/huggingface/safetensors (format description)
 */
export function encodeSafetensors(
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): Uint8Array {
  if (typeof tensors !== 'object' || tensors === null) {
    throw new ArgumentError(OP, 'expected an object mapping names to tensors')
  }
  const names = Object.keys(tensors).sort()
  const parts: string[] = []
  if (metadata !== undefined) {
    const keys = Object.keys(metadata).sort()
    for (const k of keys) {
      if (typeof metadata[k] !== 'string') {
        throw new ArgumentError(
          OP,
          `metadata value for ${quote(k)} must be a string, got ${typeof metadata[k]}`,
          'convert metadata values with String() or JSON.stringify()',
        )
      }
    }
    if (keys.length > 0) {
      const entries = keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(metadata[k])}`)
      parts.push(`"__metadata__":{${entries.join(',')}}`)
    }
  }
  let offset = 0
  const ordered: Tensor[] = []
  for (const name of names) {
    const t = tensors[name]
    if (name === '__metadata__') {
      throw new ArgumentError(OP, 'a tensor cannot be named "__metadata__"', 'rename it')
    }
    if (!(t instanceof Tensor)) {
      throw new ArgumentError(OP, `${quote(name)} is not a Tensor`)
    }
    const bytes = t.size * 4
    const info = {
      dtype: t.dtype === 'int32' ? 'I32' : 'F32',
      shape: t.shape,
      data_offsets: [offset, offset + bytes],
    }
    parts.push(`${JSON.stringify(name)}:${JSON.stringify(info)}`)
    ordered.push(t)
    offset += bytes
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`)
  const headerLength = Math.ceil(json.length / 8) * 8
  let out: Uint8Array
  try {
    out = new Uint8Array(8 + headerLength + offset)
  } catch (cause) {
    throw new ArgumentError(
      OP,
      `cannot allocate a ${8 + headerLength + offset}-byte file`,
      'save the tensors in several files',
      { cause },
    )
  }
  const view = new DataView(out.buffer)
  view.setUint32(0, headerLength % 4294967296, true)
  view.setUint32(4, Math.floor(headerLength / 4294967296), true)
  out.set(json, 8)
  out.fill(0x20, 8 + json.length, 8 + headerLength)
  let at = 8 + headerLength
  for (const t of ordered) {
    const data = t.data
    if (data instanceof Int32Array) {
      for (let i = 0; i < data.length; i++) view.setInt32(at + 4 * i, data[i]!, true)
    } else {
      for (let i = 0; i < data.length; i++) view.setFloat32(at + 4 * i, data[i]!, true)
    }
    at += 4 * data.length
  }
  return out
}
