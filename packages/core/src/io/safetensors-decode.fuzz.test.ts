import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tensor } from '../creation/tensor'
import { FormatError } from '../errors'
import { Generator } from '../random/generator'
import { randomInt } from '../random/random-int'
import { sizeOf } from '../shape'
import { Tensor } from '../tensor'
import { decodeSafetensors } from './safetensors-decode'
import { encodeSafetensors } from './safetensors-encode'

const MUTATIONS = 3000

interface Parts {
  header: Record<string, Record<string, unknown>>
  data: Uint8Array
}

function split(file: Uint8Array): Parts {
  const n = new DataView(file.buffer, file.byteOffset).getUint32(0, true)
  const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + n)))
  return { header, data: file.slice(8 + n) }
}

function join(headerText: string, data: Uint8Array, headerLength?: number): Uint8Array {
  const json = new TextEncoder().encode(headerText)
  const out = new Uint8Array(8 + json.length + data.length)
  const view = new DataView(out.buffer)
  const n = headerLength ?? json.length
  view.setUint32(0, n % 2 ** 32, true)
  view.setUint32(4, Math.floor(n / 2 ** 32), true)
  out.set(json, 8)
  out.set(data, 8 + json.length)
  return out
}

const bases: Uint8Array[] = [
  new Uint8Array(
    readFileSync(new URL('../../fixtures/torch-written.safetensors', import.meta.url)),
  ),
  encodeSafetensors(
    {
      w: tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      b: tensor(Int32Array.of(7, -8)),
      s: tensor(0.5),
      e: tensor([], { shape: [0, 4] }),
    },
    { format: 'pt' },
  ),
]

const DTYPES: unknown[] = ['F32', 'F16', 'BF16', 'F64', 'I64', 'I32', 'I16', 'I8', 'U8', 'BOOL']
const BAD_DTYPES: unknown[] = ['U16', 'F8_E4M3', 'f32', '', 7, null, [], {}]
const SHAPES: unknown[] = [
  [],
  [0],
  [-1],
  [2 ** 53],
  [1e300],
  [1.5],
  ['2'],
  [[2]],
  {},
  null,
  [2 ** 31, 2 ** 31],
  [2 ** 26, 2 ** 26, 2 ** 26, 2 ** 26],
  [2 ** 40, 0],
  [1, 1, 1, 1, 1, 1, 1, 1, 1],
]

/** One deterministic mutation of a valid file; returns the bytes and what was done. */
function mutate(g: Generator): [string, Uint8Array] {
  const pick = <T>(xs: readonly T[]): T => xs[randomInt(0, xs.length, g)]!
  const base = pick(bases)
  const file = base.slice()
  const { header, data } = split(base)
  const names = Object.keys(header).filter((k) => k !== '__metadata__')
  const name = pick(names)
  const entry = header[name]!
  const offsets = entry.data_offsets as [number, number]
  const reencode = () => join(JSON.stringify(header), data)
  const kind = randomInt(0, 17, g)
  switch (kind) {
    case 0: {
      const count = randomInt(1, 5, g)
      for (let k = 0; k < count; k++) file[randomInt(0, file.length, g)] = randomInt(0, 256, g)
      return ['random bytes', file]
    }
    case 1: {
      const at = randomInt(0, file.length, g)
      file[at]! ^= 1 << randomInt(0, 8, g)
      return [`bit flip at ${at}`, file]
    }
    case 2:
      return ['truncation', file.slice(0, randomInt(0, file.length, g))]
    case 3: {
      const extra = Uint8Array.from({ length: randomInt(1, 17, g) }, () => randomInt(0, 256, g))
      const out = new Uint8Array(file.length + extra.length)
      out.set(file)
      out.set(extra, file.length)
      return ['trailing garbage', out]
    }
    case 4: {
      const n = new DataView(file.buffer).getUint32(0, true)
      const view = new DataView(file.buffer)
      const choice = randomInt(0, 6, g)
      if (choice === 5) view.setUint32(4, randomInt(1, 2 ** 32, g), true)
      else view.setUint32(0, [0, 1, n - 1, n + 1, g.nextUint32()][choice]!, true)
      return ['header length edit', file]
    }
    case 5:
      entry.dtype = pick(randomInt(0, 2, g) ? DTYPES : BAD_DTYPES)
      return ['dtype edit', reencode()]
    case 6: {
      const choice = randomInt(0, SHAPES.length + 2, g)
      const shape = entry.shape as number[]
      if (choice === SHAPES.length) entry.shape = [...shape, 1, 2]
      else if (choice === SHAPES.length + 1) entry.shape = shape.map((d) => d * 2)
      else entry.shape = SHAPES[choice]
      return ['shape edit', reencode()]
    }
    case 7: {
      const [b, e] = offsets
      entry.data_offsets = pick([
        [e, b],
        [b, e + 1],
        [b - 1, e],
        [b + 1, e + 1],
        [0, data.length],
        [b],
        [b, e, e],
        [String(b), e],
        [b, 2 ** 60],
        [-8, e],
        [b + 0.5, e],
        null,
        [1e300, e],
      ])
      return ['offset edit', reencode()]
    }
    case 8: {
      delete entry[pick(['dtype', 'shape', 'data_offsets'])]
      return ['missing field', reencode()]
    }
    case 9:
      entry[pick(['extra', 'offsets', '__proto__'])] = 1
      return ['extra field', reencode()]
    case 10: {
      const text = JSON.stringify(header)
      const other = pick(names)
      const dup = `${text.slice(0, -1)},${JSON.stringify(other)}:${JSON.stringify(header[other])}}`
      return ['duplicate name', join(dup, data)]
    }
    case 11:
      return [
        'not an object',
        join(pick(['[]', '1', '"x"', 'null', 'true', '{', '', ' ', '[{}]', '{}}']), data),
      ]
    case 12:
      header.__metadata__ = pick<Record<string, unknown>>([
        { a: 1 },
        { a: null },
        { a: ['x'] },
        [] as unknown as Record<string, unknown>,
        { a: 'b', c: 'd' },
      ])
      return ['metadata edit', reencode()]
    case 13: {
      const text = JSON.stringify(header)
      const cut = randomInt(0, text.length, g)
      const edits = [
        text.slice(0, cut) + text.slice(cut + 1),
        text.slice(0, cut) +
          pick(['"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', 'é']) +
          text.slice(cut),
        `${text} x`,
        `${'['.repeat(randomInt(1, 5000, g))}${text}`,
      ]
      return ['JSON text edit', join(pick(edits), data)]
    }
    case 14: {
      const other = split(pick(bases))
      return ['header and data from different files', join(JSON.stringify(header), other.data)]
    }
    case 15:
      ;(header as Record<string, unknown>)[name] = pick([5, 'x', null, [], true, [entry]])
      return ['entry not an object', reencode()]
    default: {
      const cut = randomInt(0, data.length + 1, g)
      const shorter = data.slice(0, cut)
      return ['data resized', join(JSON.stringify(header), shorter)]
    }
  }
}

describe('decodeSafetensors under fuzzing', () => {
  it(`either decodes consistent tensors or throws a FormatError, over ${MUTATIONS} mutations`, () => {
    const g = new Generator(20240601)
    const unexpected: string[] = []
    let decoded = 0
    let rejected = 0
    for (let m = 0; m < MUTATIONS; m++) {
      const [what, bytes] = mutate(g)
      try {
        const { tensors, metadata } = decodeSafetensors(bytes)
        for (const [name, t] of Object.entries(tensors)) {
          const ok =
            t instanceof Tensor &&
            (t.dtype === 'float32' || t.dtype === 'int32') &&
            t.shape.every((d) => Number.isSafeInteger(d) && d >= 0) &&
            t.data.length === sizeOf(t.shape)
          if (!ok) unexpected.push(`#${m} ${what}: inconsistent tensor ${name}`)
        }
        for (const v of Object.values(metadata)) {
          if (typeof v !== 'string') unexpected.push(`#${m} ${what}: non-string metadata`)
        }
        decoded++
      } catch (e) {
        if (e instanceof FormatError) rejected++
        else unexpected.push(`#${m} ${what}: ${String(e)}`)
      }
    }
    expect(unexpected).toEqual([])
    expect(decoded).toBeGreaterThan(200)
    expect(rejected).toBeGreaterThan(1500)
  })
})
