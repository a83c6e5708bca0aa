import { ArgumentError, Generator, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { orthogonal } from './orthogonal'

/** The Gram matrix of the rows (`wide`) or the columns of a `rows × cols` matrix. */
function gram(data: ArrayLike<number>, rows: number, cols: number, ofRows: boolean): number[][] {
  const k = ofRows ? rows : cols
  const out: number[][] = []
  for (let i = 0; i < k; i++) {
    out.push([])
    for (let j = 0; j < k; j++) {
      let s = 0
      const len = ofRows ? cols : rows
      for (let t = 0; t < len; t++) {
        s += ofRows
          ? data[i * cols + t]! * data[j * cols + t]!
          : data[t * cols + i]! * data[t * cols + j]!
      }
      out[i]!.push(s)
    }
  }
  return out
}

describe('orthogonal', () => {
  it.each([
    [[30, 10], false],
    [[10, 30], true],
    [[8, 2, 3, 3], true],
    [[16, 16], true],
  ] as const)('makes %j (semi-)orthogonal times the gain', (shape, ofRows) => {
    const w = orthogonal({ gain: 2 })(zeros([...shape]), new Generator(11))
    const rows = shape[0]
    const cols = w.size / rows
    const g = gram(w.data, rows, cols, ofRows)
    for (let i = 0; i < g.length; i++) {
      for (let j = 0; j < g.length; j++) {
        expect(Math.abs(g[i]![j]! - (i === j ? 4 : 0))).toBeLessThan(1e-5)
      }
    }
  })

  it('is reproducible and differs between seeds', () => {
    const a = orthogonal()(zeros([5, 5]), new Generator(1))
    const b = orthogonal()(zeros([5, 5]), new Generator(1))
    const c = orthogonal()(zeros([5, 5]), new Generator(2))
    expect(Array.from(a.data)).toEqual(Array.from(b.data))
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data))
  })

  it('refuses a 1-D tensor', () => {
    expect(() => orthogonal()(zeros([4]))).toThrow(ArgumentError)
    expect(() => orthogonal()(zeros([4]))).toThrow(
      'orthogonal: needs a tensor of at least 2 dimensions, got shape [4]',
    )
  })
})
