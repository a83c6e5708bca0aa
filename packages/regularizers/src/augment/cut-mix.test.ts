import { ArgumentError, beta, Generator, ShapeError, Tensor, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { cutMix } from './cut-mix'

const sumOf = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0)

/** Sample i is filled with the value i + 1 in every channel, and labelled i. */
function batch(n: number, h: number, w: number) {
  const plane = 2 * h * w
  const inputs = new Tensor(
    Float32Array.from({ length: n * plane }, (_, i) => Math.floor(i / plane) + 1),
    [n, 2, h, w],
  )
  return { inputs, targets: tensor(Int32Array.from({ length: n }, (_, i) => i)) }
}

describe('cutMix', () => {
  it('pastes one box per batch, with targets weighted by the kept share λ', () => {
    const n = 6
    const h = 8
    const w = 10
    let checked = 0
    for (let seed = 0; seed < 8; seed++) {
      const out = cutMix({ alpha: 1, numClasses: n })(batch(n, h, w), new Generator(seed))
      let box: string | null = null
      for (let i = 0; i < n; i++) {
        const pixels = out.inputs.data.subarray(i * 2 * h * w, (i + 1) * 2 * h * w)
        const pasted: number[] = []
        pixels.forEach((v, k) => {
          if (v !== i + 1) pasted.push(k % (h * w))
        })
        const row = out.targets.data.subarray(i * n, i * n + n)
        const sum = sumOf(row)
        expect(Math.abs(sum - 1)).toBeLessThanOrEqual(1e-6)
        const partner = row.findIndex((v, k) => k !== i && v > 0)
        if (partner < 0) continue // paired with itself: nothing visible changes
        // Both channels get the same box, filled with the partner's value.
        expect(pasted.length % 2).toBe(0)
        for (const k of pasted) expect(pixels[k]).toBe(partner + 1)
        const share = pasted.length / 2 / (h * w)
        expect(Math.abs(row[partner]! - share)).toBeLessThanOrEqual(1e-6)
        expect(Math.abs(row[i]! - (1 - share))).toBeLessThanOrEqual(1e-6)
        const key = pasted.slice(0, pasted.length / 2).join(',')
        if (box !== null) expect(key).toBe(box)
        box = key
        if (share > 0) checked++
      }
    }
    expect(checked).toBeGreaterThan(5)
  })

  it('cuts a box of side round(H·√(1 − λ)) × round(W·√(1 − λ)) when it lies inside', () => {
    const h = 16
    const w = 12
    let inside = 0
    for (let seed = 0; seed < 20; seed++) {
      const lambda = beta(1, 1, new Generator(seed))
      const bh = Math.round(h * Math.sqrt(1 - lambda))
      const bw = Math.round(w * Math.sqrt(1 - lambda))
      const out = cutMix({ numClasses: 2 })(
        { inputs: batch(2, h, w).inputs, targets: tensor(Int32Array.of(0, 1)) },
        new Generator(seed),
      )
      const kept = out.targets.data[0]!
      const area = Math.round((1 - kept) * h * w)
      if (out.targets.data[1] === 0 && kept === 1) continue // identity permutation
      if (area === bh * bw) inside++
      else expect(area).toBeLessThan(bh * bw) // clipped at the border
    }
    expect(inside).toBeGreaterThan(0)
  })

  it('composes label smoothing before mixing', () => {
    const out = cutMix({ numClasses: 4, labelSmoothing: 0.2 })(batch(4, 6, 6), new Generator(3))
    for (let i = 0; i < 4; i++) {
      const row = out.targets.data.subarray(4 * i, 4 * i + 4)
      expect(Math.abs(sumOf(row) - 1)).toBeLessThanOrEqual(1e-6)
      for (const v of row) expect(v).toBeGreaterThanOrEqual(0.05 - 1e-7)
    }
  })

  it('gives identical output for the same seed', () => {
    const f = cutMix({ numClasses: 5 })
    const a = f(batch(5, 6, 7), new Generator(42))
    const b = f(batch(5, 6, 7), new Generator(42))
    expect(a.inputs.data).toEqual(b.inputs.data)
    expect(a.targets.data).toEqual(b.targets.data)
  })

  it('needs image batches and a valid alpha', () => {
    expect(() => cutMix({ alpha: -1 })).toThrow(ArgumentError)
    const flat = { inputs: tensor([[1, 2]]), targets: tensor(Int32Array.of(0)) }
    expect(() => cutMix({ numClasses: 2 })(flat, new Generator(0))).toThrow(ShapeError)
  })
})
