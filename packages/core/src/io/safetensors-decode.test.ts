import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ArgumentError, FormatError } from '../errors'
import { decodeSafetensors } from './safetensors-decode'

/** A safetensors file from a header (object or raw JSON text) and data bytes. */
function build(
  header: object | string,
  data: ArrayLike<number> = [],
  headerLength?: number,
): Uint8Array {
  const json = new TextEncoder().encode(
    typeof header === 'string' ? header : JSON.stringify(header),
  )
  const out = new Uint8Array(8 + json.length + data.length)
  new DataView(out.buffer).setUint32(0, headerLength ?? json.length, true)
  out.set(json, 8)
  out.set(Array.from(data), 8 + json.length)
  return out
}

const f32 = (...values: number[]) => new Uint8Array(Float32Array.from(values).buffer)

describe('decodeSafetensors', () => {
  it('reads the file PyTorch wrote (fixtures/safetensors.py) with exact values', () => {
    const dir = new URL('../../fixtures/', import.meta.url)
    const bytes = new Uint8Array(readFileSync(new URL('torch-written.safetensors', dir)))
    const expected = JSON.parse(readFileSync(new URL('torch-written.json', dir), 'utf8')) as {
      metadata: Record<string, string>
      tensors: Record<string, { dtype: string; shape: number[]; values: number[] }>
    }
    const { tensors, metadata } = decodeSafetensors(bytes)
    expect(metadata).toEqual(expected.metadata)
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(expected.tensors).sort())
    for (const [name, want] of Object.entries(expected.tensors)) {
      const t = tensors[name]!
      const isFloat = want.dtype.startsWith('F') || want.dtype === 'BF16'
      expect(t.dtype, name).toBe(isFloat ? 'float32' : 'int32')
      expect(t.shape, name).toEqual(want.shape)
      // Every conversion here is exact (f16/bf16/i64/… to float32/int32 and torch's own
      // f64 → f32 rounding), so values must match bit for bit, not just within a tolerance.
      expect(Array.from(t.data), name).toEqual(want.values)
    }
    expect(Object.is(tensors.half!.data[5], -0)).toBe(true)
  })

  it('reads a minimal file, and one that sits inside a larger buffer', () => {
    const file = build(
      {
        __metadata__: { k: 'v' },
        w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      },
      f32(1.5, -2),
    )
    const { tensors, metadata } = decodeSafetensors(file)
    expect(Array.from(tensors.w!.data)).toEqual([1.5, -2])
    expect(metadata).toEqual({ k: 'v' })
    const padded = new Uint8Array(file.length + 7)
    padded.set(file, 3)
    const inner = decodeSafetensors(padded.subarray(3, 3 + file.length))
    expect(Array.from(inner.tensors.w!.data)).toEqual([1.5, -2])
    expect(decodeSafetensors(build({})).tensors).toEqual({})
  })

  it('decodes special float16, bfloat16 and int64 values', () => {
    const file = build(
      {
        h: { dtype: 'F16', shape: [3], data_offsets: [0, 6] },
        b: { dtype: 'BF16', shape: [2], data_offsets: [6, 10] },
        i: { dtype: 'I64', shape: [2], data_offsets: [10, 26] },
      },
      [
        0x00, 0x7c, 0x00, 0xfc, 0x00, 0x7e, 0x80, 0x7f, 0xc0, 0xbf, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0xff,
      ],
    )
    const { tensors } = decodeSafetensors(file)
    expect(Array.from(tensors.h!.data)).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ])
    expect(Array.from(tensors.b!.data)).toEqual([Number.POSITIVE_INFINITY, -1.5])
    expect(Array.from(tensors.i!.data)).toEqual([-1, -2147483648])
  })

  it('keeps names such as __proto__ as ordinary tensors', () => {
    const file = build('{"__proto__":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}', f32(7))
    const { tensors } = decodeSafetensors(file)
    expect(Object.keys(tensors)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(tensors)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(tensors, '__proto__')?.value.item()).toBe(7)
  })

  const entry = (over: object) => ({ dtype: 'F32', shape: [2], data_offsets: [0, 8], ...over })
  const rejects: [string, Uint8Array, RegExp][] = [
    ['a file shorter than 8 bytes', new Uint8Array(5), /5 bytes, shorter than the 8-byte/],
    ['a header length past the end', build({}, [], 100), /header length 100 runs past the end/],
    [
      'a header length above the cap',
      (() => {
        const b = build({})
        new DataView(b.buffer).setUint32(4, 1, true)
        return b
      })(),
      /exceeds the 100000000-byte limit/,
    ],
    ['invalid UTF-8', build('{"\xff"}').map((b, i) => (i === 10 ? 0xff : b)), /not valid UTF-8/],
    ['a non-object header', build('[1, 2]'), /must be a JSON object, got an array/],
    ['invalid JSON', build('{"a": }'), /invalid JSON header at character 6/],
    [
      'a duplicate name',
      build(
        '{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}',
        f32(1, 2),
      ),
      /duplicate key "w"/,
    ],
    ['an unknown dtype', build({ w: entry({ dtype: 'F8_E4M3' }) }, f32(1, 2)), /unsupported dtype/],
    ['a missing dtype', build({ w: { shape: [2], data_offsets: [0, 8] } }, f32(1, 2)), /missing/],
    ['a negative size', build({ w: entry({ shape: [-2] }) }, f32(1, 2)), /non-negative integers/],
    ['a fractional size', build({ w: entry({ shape: [1.5] }) }, f32(1, 2)), /non-negative/],
    ['a string size', build({ w: entry({ shape: ['2'] }) }, f32(1, 2)), /non-negative/],
    [
      'a shape whose product overflows',
      build({ w: entry({ shape: [2 ** 40, 2 ** 40, 2 ** 40] }) }, f32(1, 2)),
      /needs more bytes than the whole data section holds \(8\)/,
    ],
    [
      'a size beyond 2^53',
      build('{"w":{"dtype":"F32","shape":[1e300],"data_offsets":[0,8]}}', f32(1, 2)),
      /non-negative/,
    ],
    [
      'offsets out of order',
      build({ w: entry({ data_offsets: [8, 0] }) }, f32(1, 2)),
      /not an ordered range/,
    ],
    [
      'offsets past the data',
      build({ w: entry({ data_offsets: [0, 16] }) }, f32(1, 2)),
      /inside the 8-byte data section/,
    ],
    ['three offsets', build({ w: entry({ data_offsets: [0, 4, 8] }) }, f32(1, 2)), /two integers/],
    [
      'negative offsets',
      build({ w: entry({ data_offsets: [-4, 4] }) }, f32(1, 2)),
      /ordered range/,
    ],
    [
      'a byte length that does not match the shape',
      build({ w: entry({ shape: [3] }) }, f32(1, 2, 3, 4)),
      /span 8 bytes but F32 of shape \[3\] needs 12/,
    ],
    [
      'overlapping tensors',
      build(
        {
          a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
          b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
        },
        f32(1, 2),
      ),
      /overlap another tensor/,
    ],
    [
      'a gap between tensors',
      build({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, f32(1, 2)),
      /gap: bytes \[0, 4\) belong to no tensor/,
    ],
    ['trailing bytes', build({ w: entry({}) }, [...f32(1, 2), 0]), /1 trailing bytes/],
    ['an unknown field', build({ w: entry({ extra: 1 }) }, f32(1, 2)), /unknown field "extra"/],
    ['a non-object entry', build({ w: 5 }, f32(1, 2)), /expected an object with dtype/],
    [
      'non-string metadata',
      build({ __metadata__: { a: 1 } }),
      /__metadata__ value for "a" must be a string/,
    ],
    ['non-object metadata', build({ __metadata__: 'x' }), /__metadata__ must be an object/],
    [
      'an int64 outside int32',
      build({ i: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, [0, 0, 0, 0x80, 0, 0, 0, 0]),
      /I64 element 0 \(2147483648\) is outside the int32 range/,
    ],
    [
      'a BOOL byte other than 0 or 1',
      build({ m: { dtype: 'BOOL', shape: [2], data_offsets: [0, 2] } }, [1, 2]),
      /BOOL element 1 is 2/,
    ],
    ['a byte-order mark', build('\ufeff{}'), /invalid JSON header at character 0/],
  ]

  it.each(rejects)('rejects %s with a FormatError', (_, bytes, message) => {
    expect(() => decodeSafetensors(bytes)).toThrow(FormatError)
    expect(() => decodeSafetensors(bytes)).toThrow(message)
  })

  it('rejects input that is not a Uint8Array', () => {
    expect(() => decodeSafetensors([1, 2, 3] as unknown as Uint8Array)).toThrow(ArgumentError)
  })
})
