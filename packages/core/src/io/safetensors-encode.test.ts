import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { linspace } from '../creation/linspace'
import { randn } from '../creation/randn'
import { tensor } from '../creation/tensor'
import { zeros } from '../creation/zeros'
import { ArgumentError } from '../errors'
import { Generator } from '../random/generator'
import type { Tensor } from '../tensor'
import { decodeSafetensors } from './safetensors-decode'
import { encodeSafetensors } from './safetensors-encode'

function headerOf(bytes: Uint8Array): { length: number; text: string } {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true)
  return { length, text: new TextDecoder().decode(bytes.subarray(8, 8 + length)) }
}

/** The tensors of fixtures/knack-written.safetensors (fixtures/safetensors.py checks them). */
function knackFixture(): { tensors: Record<string, Tensor>; metadata: Record<string, string> } {
  return {
    tensors: {
      'linear.weight': tensor(
        Float32Array.from({ length: 12 }, (_, i) => (i - 5.5) / 8),
        { shape: [3, 4] },
      ),
      'linear.bias': tensor([0.1, -0.2, 0.3]),
      labels: tensor(Int32Array.of(0, 3, -7, 2147483647, -2147483648)),
      step: tensor(42),
      empty: zeros([0, 2]),
      'émbed.ω': linspace(-1, 1, 5),
    },
    metadata: { format: 'pt', producer: 'knack' },
  }
}

describe('encodeSafetensors', () => {
  it('writes a padded, sorted header and little-endian data', () => {
    const bytes = encodeSafetensors(
      { b: tensor([1, 2]), a: tensor(Int32Array.of(-1)) },
      { z: '1', y: 'two' },
    )
    const { length, text } = headerOf(bytes)
    expect(length % 8).toBe(0)
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(0)
    expect(text.trimEnd()).toBe(
      '{"__metadata__":{"y":"two","z":"1"},"a":{"dtype":"I32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}',
    )
    expect(/^ *$/.test(text.slice(text.trimEnd().length))).toBe(true)
    expect(Array.from(bytes.subarray(8 + length))).toEqual([
      0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40,
    ])
  })

  it('round-trips through decodeSafetensors, including special values and odd names', () => {
    const g = new Generator(3)
    const special = tensor([Number.NaN, Number.POSITIVE_INFINITY, -0, 1e-45, -3.4e38])
    const input = {
      'layers.0.weight': randn([4, 3], { generator: g }),
      'bn.num_batches_tracked': tensor(Int32Array.of(12)),
      scalar: tensor(-1.25),
      special,
      '': zeros([2, 0, 3]),
      'quote"and\\slash': tensor([1]),
      '10': tensor([2]),
      '9': tensor([3]),
    }
    const { tensors, metadata } = decodeSafetensors(encodeSafetensors(input))
    expect(metadata).toEqual({})
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(input).sort())
    for (const [name, t] of Object.entries(input)) {
      expect(tensors[name]!.dtype, name).toBe(t.dtype)
      expect(tensors[name]!.shape, name).toEqual(t.shape)
      expect(tensors[name]!.data, name).toEqual(t.data)
    }
    expect(Object.is(tensors.special!.data[2], -0)).toBe(true)
  })

  it('gives the same bytes for the same tensors whatever the insertion order', () => {
    const a = encodeSafetensors({ x: tensor([1]), y: tensor([2]) }, { m: 'n' })
    const b = encodeSafetensors({ y: tensor([2]), x: tensor([1]) }, { m: 'n' })
    expect(a).toEqual(b)
    expect(decodeSafetensors(encodeSafetensors({})).tensors).toEqual({})
    expect(headerOf(encodeSafetensors({}, {})).text.trimEnd()).toBe('{}')
  })

  it('writes fixtures/knack-written.safetensors byte for byte (read back by PyTorch)', () => {
    // Regenerate with KNACK_WRITE_FIXTURES=1, then run fixtures/safetensors.py to check it in torch.
    const { tensors, metadata } = knackFixture()
    const bytes = encodeSafetensors(tensors, metadata)
    const file = new URL('../../fixtures/knack-written.safetensors', import.meta.url)
    if (process.env.KNACK_WRITE_FIXTURES === '1') writeFileSync(file, bytes)
    expect(existsSync(file)).toBe(true)
    expect(new Uint8Array(readFileSync(file))).toEqual(bytes)
    const back = decodeSafetensors(bytes)
    expect(back.metadata).toEqual(metadata)
    expect(Array.from(back.tensors['émbed.ω']!.data)).toEqual([-1, -0.5, 0, 0.5, 1])
  })

  it('rejects what the format cannot hold', () => {
    expect(() => encodeSafetensors({ __metadata__: tensor([1]) })).toThrow(ArgumentError)
    expect(() => encodeSafetensors({ w: [1, 2] as unknown as Tensor })).toThrow(
      /"w" is not a Tensor/,
    )
    expect(() => encodeSafetensors({}, { epochs: 3 as unknown as string })).toThrow(
      /metadata value for "epochs" must be a string, got number/,
    )
    expect(() => encodeSafetensors(null as unknown as Record<string, Tensor>)).toThrow(
      ArgumentError,
    )
  })
})
