import type { Storage } from '../dtype'
import { ArgumentError, FormatError } from '../errors'
import { formatShape } from '../shape'
import { Tensor } from '../tensor'
import { bfloat16ToNumber, float16ToNumber } from './half-float'
import {
  isSafetensorsDType,
  SAFETENSORS_DTYPE_SIZES,
  SAFETENSORS_MAX_HEADER_BYTES,
  type SafetensorsDType,
} from './safetensors-dtypes'
import { type JsonValue, parseStrictJson, quote } from './strict-json'

const OP = 'decodeSafetensors'

/** Deepest JSON nesting a header may use (the format itself needs 3). */
const MAX_HEADER_DEPTH = 8

/** The result of {@link decodeSafetensors}. */
export interface DecodedSafetensors {
  /** The tensors by name, in header order: float types as float32, integer types as int32. */
  tensors: Record<string, Tensor>
  /** The `__metadata__` string map, or `{}` when the file has none. */
  metadata: Record<string, string>
}

interface Entry {
  name: string
  dtype: SafetensorsDType
  shape: number[]
  count: number
  begin: number
  end: number
}

function fail(problem: string, help?: string): never {
  throw new FormatError(OP, problem, help)
}

/** Sets `record[key]` as an own property, safe for keys such as `__proto__`. */
function define<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

function describeValue(v: JsonValue): string {
  if (v instanceof Map) return 'an object'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'string') return `the string ${quote(v)}`
  return String(v)
}

function readEntry(name: string, value: JsonValue, bufferLength: number): Entry {
  const where = `tensor ${quote(name)}`
  if (!(value instanceof Map)) {
    fail(
      `${where}: expected an object with dtype, shape and data_offsets, got ${describeValue(value)}`,
    )
  }
  for (const key of value.keys()) {
    if (key !== 'dtype' && key !== 'shape' && key !== 'data_offsets') {
      fail(`${where}: unknown field ${quote(key)}`, 'entries hold only dtype, shape, data_offsets')
    }
  }
  const dtype = value.get('dtype')
  if (typeof dtype !== 'string' || !isSafetensorsDType(dtype)) {
    fail(
      `${where}: unsupported dtype ${dtype === undefined ? '(missing)' : describeValue(dtype)}`,
      `Knack reads ${Object.keys(SAFETENSORS_DTYPE_SIZES).join(', ')}`,
    )
  }
  const itemSize = SAFETENSORS_DTYPE_SIZES[dtype]
  const shape = value.get('shape')
  if (
    !Array.isArray(shape) ||
    !shape.every((d): d is number => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)
  ) {
    fail(
      `${where}: shape must be an array of non-negative integers, got ${shape === undefined ? '(missing)' : JSON.stringify(shape, (_, v) => (v instanceof Map ? '{…}' : v)).slice(0, 80)}`,
    )
  }
  // Count elements without overflow: any count above the data section's size is already wrong.
  let count = shape.includes(0) ? 0 : 1
  if (count !== 0) {
    for (const d of shape) {
      count *= d
      if (count * itemSize > bufferLength) {
        fail(
          `${where}: shape ${formatShape(shape)} of ${dtype} needs more bytes than the whole data section holds (${bufferLength})`,
        )
      }
    }
  }
  const offsets = value.get('data_offsets')
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o): o is number => typeof o === 'number' && Number.isSafeInteger(o))
  ) {
    fail(
      `${where}: data_offsets must be two integers [begin, end], got ${offsets === undefined ? '(missing)' : describeValue(offsets)}`,
    )
  }
  const [begin, end] = offsets as [number, number]
  if (!(begin >= 0 && begin <= end && end <= bufferLength)) {
    fail(
      `${where}: data_offsets [${begin}, ${end}] are not an ordered range inside the ${bufferLength}-byte data section`,
    )
  }
  if (end - begin !== count * itemSize) {
    fail(
      `${where}: data_offsets [${begin}, ${end}] span ${end - begin} bytes but ${dtype} of shape ${formatShape(shape)} needs ${count * itemSize}`,
    )
  }
  return { name, dtype, shape, count, begin, end }
}

function readMetadata(value: JsonValue): Record<string, string> {
  if (!(value instanceof Map)) {
    fail(`__metadata__ must be an object of strings, got ${describeValue(value)}`)
  }
  const out: Record<string, string> = {}
  for (const [k, v] of value) {
    if (typeof v !== 'string') {
      fail(`__metadata__ value for ${quote(k)} must be a string, got ${describeValue(v)}`)
    }
    define(out, k, v)
  }
  return out
}

/** Checks that the entries tile the data section exactly: no overlap, no gap, nothing left. */
function checkLayout(entries: Entry[], bufferLength: number): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end)
  let position = 0
  for (const e of sorted) {
    if (e.begin < position) {
      fail(`tensor ${quote(e.name)}: data_offsets [${e.begin}, ${e.end}] overlap another tensor`)
    }
    if (e.begin > position) {
      fail(`data section has a gap: bytes [${position}, ${e.begin}) belong to no tensor`)
    }
    position = e.end
  }
  if (position !== bufferLength) {
    fail(
      `data section has ${bufferLength - position} trailing bytes after the last tensor (bytes [${position}, ${bufferLength}))`,
      'the tensors must cover the data section exactly',
    )
  }
}

function readValues(e: Entry, view: DataView, start: number): Storage {
  const n = e.count
  const at = start + e.begin
  switch (e.dtype) {
    case 'F32': {
      const out = new Float32Array(n)
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(at + 4 * i, true)
      return out
    }
    case 'F64': {
      const out = new Float32Array(n)
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(at + 8 * i, true)
      return out
    }
    case 'F16': {
      const out = new Float32Array(n)
      for (let i = 0; i < n; i++) out[i] = float16ToNumber(view.getUint16(at + 2 * i, true))
      return out
    }
    case 'BF16': {
      const out = new Float32Array(n)
      for (let i = 0; i < n; i++) out[i] = bfloat16ToNumber(view.getUint16(at + 2 * i, true))
      return out
    }
    case 'I64': {
      const out = new Int32Array(n)
      for (let i = 0; i < n; i++) {
        const lo = view.getInt32(at + 8 * i, true)
        const hi = view.getInt32(at + 8 * i + 4, true)
        if (hi !== lo >> 31) {
          fail(
            `tensor ${quote(e.name)}: I64 element ${i} (${BigInt(hi) * 4294967296n + BigInt(lo >>> 0)}) is outside the int32 range`,
            'Knack stores integers as int32',
          )
        }
        out[i] = lo
      }
      return out
    }
    case 'I32': {
      const out = new Int32Array(n)
      for (let i = 0; i < n; i++) out[i] = view.getInt32(at + 4 * i, true)
      return out
    }
    case 'I16': {
      const out = new Int32Array(n)
      for (let i = 0; i < n; i++) out[i] = view.getInt16(at + 2 * i, true)
      return out
    }
    case 'I8': {
      const out = new Int32Array(n)
      for (let i = 0; i < n; i++) out[i] = view.getInt8(at + i)
      return out
    }
    case 'U8': {
      const out = new Int32Array(n)
      for (let i = 0; i < n; i++) out[i] = view.getUint8(at + i)
      return out
    }
    case 'BOOL': {
      const out = new Int32Array(n)
      for (let i = 0; i < n; i++) {
        const b = view.getUint8(at + i)
        if (b > 1) fail(`tensor ${quote(e.name)}: BOOL element ${i} is ${b}, not 0 or 1`)
        out[i] = b
      }
      return out
    }
  }
}

/**
 * Reads a `.safetensors` file: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {…}}`, then the
 * little-endian data, offsets relative to its start. F32, F16, BF16 and F64 become float32;
 * I32, I64 (when in range), I16, I8, U8 and BOOL become int32. The file is validated strictly
 * (header size and JSON, dtypes, shapes, offsets that tile the data exactly, no duplicate
 * names); anything malformed throws a FormatError saying what and where. Works on any
 * `Uint8Array`, in Node and browsers.
 * @see https://github.com/huggingface/safetensors (format description)
 */
export function decodeSafetensors(bytes: Uint8Array): DecodedSafetensors {
  if (!(bytes instanceof Uint8Array)) {
    throw new ArgumentError(
      OP,
      'expected the file contents as a Uint8Array',
      'read the file into a Uint8Array first',
    )
  }
  if (bytes.length < 8) {
    fail(
      `the file is ${bytes.length} bytes, shorter than the 8-byte header length`,
      'is this a .safetensors file?',
    )
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = view.getUint32(4, true) * 4294967296 + view.getUint32(0, true)
  if (headerLength > SAFETENSORS_MAX_HEADER_BYTES) {
    fail(
      `header length ${headerLength} exceeds the ${SAFETENSORS_MAX_HEADER_BYTES}-byte limit`,
      'the file is corrupt or not a .safetensors file',
    )
  }
  if (8 + headerLength > bytes.length) {
    fail(
      `header length ${headerLength} runs past the end of the ${bytes.length}-byte file`,
      'the file is truncated or not a .safetensors file',
    )
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bytes.subarray(8, 8 + headerLength),
    )
  } catch (cause) {
    throw new FormatError(OP, 'the header is not valid UTF-8', 'the file is corrupt', { cause })
  }
  const header = parseStrictJson(text, OP, MAX_HEADER_DEPTH)
  if (!(header instanceof Map)) {
    fail(`the header must be a JSON object, got ${describeValue(header)}`)
  }
  const start = 8 + headerLength
  const bufferLength = bytes.length - start
  let metadata: Record<string, string> = {}
  const entries: Entry[] = []
  for (const [name, value] of header) {
    if (name === '__metadata__') metadata = readMetadata(value)
    else entries.push(readEntry(name, value, bufferLength))
  }
  checkLayout(entries, bufferLength)
  const tensors: Record<string, Tensor> = {}
  for (const e of entries) define(tensors, e.name, new Tensor(readValues(e, view, start), e.shape))
  return { tensors, metadata }
}
