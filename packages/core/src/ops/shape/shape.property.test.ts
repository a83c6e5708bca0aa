import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { broadcastShapes, sizeOf } from '../../shape'
import { Tensor } from '../../tensor'
import { add } from '../arithmetic/add'
import { broadcastTo } from './broadcast-to'
import { concat } from './concat'
import { flatten } from './flatten'
import { permute } from './permute'
import { reshape } from './reshape'
import { slice } from './slice'
import { squeeze } from './squeeze'
import { stack } from './stack'
import { transpose } from './transpose'
import { unsqueeze } from './unsqueeze'

const runs = { numRuns: 100 }

/** A tensor of `shape` whose values are distinct (so any reordering is visible). */
const distinct = (shape: readonly number[], offset = 0) =>
  new Tensor(
    Float32Array.from({ length: sizeOf(shape) }, (_, i) => offset + i * 0.5),
    shape,
  )

const shapeArb = (maxDims = 4, minSize = 1) =>
  fc.array(fc.integer({ min: minSize, max: 4 }), { minLength: 0, maxLength: maxDims })
const nonScalarShape = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })

/** Two shapes that broadcast to `out`: each drops some leading dimensions and sets some to 1. */
/** A shape that broadcasts to `out`: some leading dimensions dropped, some sizes set to 1. */
const reducedFrom = (out: number[]) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: out.length }),
      fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    )
    .map(([drop, ones]) => out.map((n, i) => (ones[i] ? 1 : n)).slice(drop))

/** A shape `out` and two shapes derived from it, which broadcast together (within `out`). */
const broadcastPair = shapeArb().chain((out) =>
  fc.tuple(fc.constant(out), reducedFrom(out), reducedFrom(out)),
)

/** Naive broadcast shape of two compatible shapes: right-aligned maximum of the sizes. */
function referenceShape(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length)
  return Array.from({ length: n }, (_, i) =>
    Math.max(a[a.length - n + i] ?? 1, b[b.length - n + i] ?? 1),
  )
}

/** Naive broadcasting: the value of `t` seen at multi-index `idx` of a larger shape. */
function readBroadcast(t: Tensor, idx: readonly number[]): number {
  const lead = idx.length - t.ndim
  let flat = 0
  for (let d = 0; d < t.ndim; d++) {
    const i = t.shape[d] === 1 ? 0 : idx[lead + d]!
    flat = flat * t.shape[d]! + i
  }
  return t.data[flat]!
}

/** Every multi-index of `shape` in row-major order. */
function indices(shape: readonly number[]): number[][] {
  let all: number[][] = [[]]
  for (const n of shape)
    all = all.flatMap((prefix) => Array.from({ length: n }, (_, i) => [...prefix, i]))
  return all
}

describe('broadcasting properties', () => {
  it('add and broadcastTo agree with an index-by-index reference', () => {
    fc.assert(
      fc.property(broadcastPair, ([, sa, sb]) => {
        const out = referenceShape(sa, sb)
        const a = distinct(sa)
        const b = distinct(sb, 100)
        const sum = add(a, b)
        const wide = broadcastTo(a, out)
        expect(sum.shape).toEqual(out)
        expect(wide.shape).toEqual(out)
        indices(out).forEach((idx, flat) => {
          expect(sum.data[flat]).toBe(Math.fround(readBroadcast(a, idx) + readBroadcast(b, idx)))
          expect(wide.data[flat]).toBe(readBroadcast(a, idx))
        })
      }),
      runs,
    )
  })

  it('broadcastShapes is symmetric, in results and in failures', () => {
    const attempt = (a: number[], b: number[]) => {
      try {
        return broadcastShapes('p', a, b)
      } catch {
        return 'error'
      }
    }
    fc.assert(
      fc.property(broadcastPair, ([out, a, b]) => {
        expect(broadcastShapes('p', a, b)).toEqual(broadcastShapes('p', b, a))
        expect(broadcastShapes('p', a, out)).toEqual(out)
      }),
      runs,
    )
    fc.assert(
      fc.property(shapeArb(), shapeArb(), (a, b) => {
        expect(attempt(a, b)).toEqual(attempt(b, a))
      }),
      runs,
    )
  })
})

describe('views preserve data order', () => {
  it('reshape, flatten, squeeze and unsqueeze keep the row-major values', () => {
    fc.assert(
      fc.property(shapeArb(4, 0), fc.nat(), (shape, pick) => {
        const x = distinct(shape)
        const values = Array.from(x.data)
        const dim = shape.length === 0 ? 0 : pick % shape.length
        const results = [
          reshape(x, [-1]).data,
          reshape(x, [...shape].reverse()).data,
          flatten(x).data,
          flatten(x, dim).data,
          squeeze(x).data,
          unsqueeze(x, pick % (shape.length + 1)).data,
        ]
        for (const r of results) expect(Array.from(r)).toEqual(values)
        expect(flatten(x).shape).toEqual([x.size])
        expect(squeeze(unsqueeze(x, pick % (shape.length + 1))).shape).toEqual(
          shape.filter((n) => n !== 1),
        )
      }),
      runs,
    )
  })
})

describe('permutation properties', () => {
  const permutedShape = nonScalarShape.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.shuffledSubarray(
        shape.map((_, i) => i),
        { minLength: shape.length, maxLength: shape.length },
      ),
    ),
  )

  it('permute matches an index-by-index reference and its inverse undoes it', () => {
    fc.assert(
      fc.property(permutedShape, ([shape, dims]) => {
        const x = distinct(shape)
        const y = permute(x, dims)
        expect(y.shape).toEqual(dims.map((d) => shape[d]))
        indices(y.shape).forEach((idx, flat) => {
          const source = new Array<number>(shape.length)
          dims.forEach((d, i) => {
            source[d] = idx[i]!
          })
          expect(y.data[flat]).toBe(readBroadcast(x, source))
        })
        const inverse = new Array<number>(dims.length)
        dims.forEach((d, i) => {
          inverse[d] = i
        })
        const back = permute(y, inverse)
        expect(back.shape).toEqual(shape)
        expect(Array.from(back.data)).toEqual(Array.from(x.data))
      }),
      runs,
    )
  })

  it('transpose twice is the identity', () => {
    fc.assert(
      fc.property(nonScalarShape, fc.nat(), fc.nat(), (shape, i, j) => {
        const x = distinct(shape)
        const a = i % shape.length
        const b = -1 - (j % shape.length)
        const back = transpose(transpose(x, a, b), a, b)
        expect(back.shape).toEqual(shape)
        expect(Array.from(back.data)).toEqual(Array.from(x.data))
      }),
      runs,
    )
  })
})

describe('joining properties', () => {
  const parts = nonScalarShape.chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.nat({ max: shape.length - 1 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
    ),
  )

  it('concat then slice gives back the parts', () => {
    fc.assert(
      fc.property(parts, ([shape, dim, sizes]) => {
        const tensors = sizes.map((n, k) => {
          const s = [...shape]
          s[dim] = n
          return distinct(s, 1000 * k)
        })
        const joined = concat(tensors, dim)
        expect(joined.shape[dim]).toBe(sizes.reduce((a, b) => a + b, 0))
        let start = 0
        for (const t of tensors) {
          const part = slice(joined, dim, start, start + t.shape[dim]!)
          expect(part.shape).toEqual(t.shape)
          expect(Array.from(part.data)).toEqual(Array.from(t.data))
          start += t.shape[dim]!
        }
      }),
      runs,
    )
  })

  it('stack equals concat of the unsqueezed tensors', () => {
    fc.assert(
      fc.property(shapeArb(3), fc.integer({ min: 1, max: 4 }), fc.nat(), (shape, count, pick) => {
        const tensors = Array.from({ length: count }, (_, k) => distinct(shape, 100 * k))
        const dim = (pick % (2 * shape.length + 2)) - (shape.length + 1)
        const stacked = stack(tensors, dim)
        const joined = concat(
          tensors.map((t) => unsqueeze(t, dim)),
          dim,
        )
        expect(stacked.shape).toEqual(joined.shape)
        expect(Array.from(stacked.data)).toEqual(Array.from(joined.data))
      }),
      runs,
    )
  })
})
