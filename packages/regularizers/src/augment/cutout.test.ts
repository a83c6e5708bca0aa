import { ArgumentError, bernoulli, Generator, ones, randomInt } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { cutout } from './cutout'

/** The erased pixels (value 0) of sample s of a ones batch [n, 1, 6, 6], as "row,col". */
function erased(data: Float32Array, s: number): string[] {
  const out: string[] = []
  for (let i = 0; i < 36; i++) if (data[36 * s + i] === 0) out.push(`${Math.floor(i / 6)},${i % 6}`)
  return out
}

/** The pixels of the box [y0, y1) × [x0, x1) clipped to 6 × 6, as "row,col". */
function box(y0: number, x0: number, h: number, w: number): string[] {
  const out: string[] = []
  for (let y = Math.max(0, y0); y < Math.min(6, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(6, x0 + w); x++) out.push(`${y},${x}`)
  }
  return out
}

describe('cutout', () => {
  it('erases exactly the box centred on the drawn pixel, clipped to the image', () => {
    const n = 24
    const out = cutout({ size: 3 })(ones([n, 1, 6, 6]), new Generator(12))
    const g = new Generator(12)
    const areas = new Set<number>()
    for (let s = 0; s < n; s++) {
      const cy = randomInt(0, 6, g)
      const cx = randomInt(0, 6, g)
      const want = box(cy - 1, cx - 1, 3, 3)
      expect(erased(out.data as Float32Array, s)).toEqual(want)
      areas.add(want.length)
    }
    // Full 3 × 3 boxes inside, and clipped ones at the border.
    expect(areas.has(9)).toBe(true)
    expect(Math.min(...areas)).toBeLessThan(9)
  })

  it('takes rectangles, a fill value and a probability', () => {
    const n = 16
    const x = ones([n, 2, 6, 6])
    const out = cutout({ size: [2, 4], fill: 0.5, p: 0.5 })(x, new Generator(3))
    const g = new Generator(3)
    let applied = 0
    for (let s = 0; s < n; s++) {
      const got = out.data.subarray(72 * s, 72 * s + 72)
      if (bernoulli(0.5, g) === 0) {
        expect(got).toEqual(x.data.subarray(0, 72))
        continue
      }
      applied++
      const cy = randomInt(0, 6, g)
      const cx = randomInt(0, 6, g)
      const want = box(cy - 1, cx - 2, 2, 4)
      const halves = Array.from(got).filter((v) => v === 0.5).length
      expect(halves).toBe(2 * want.length)
    }
    expect(applied).toBeGreaterThan(0)
    expect(applied).toBeLessThan(n)
  })

  it('refuses bad sizes and probabilities', () => {
    expect(() => cutout({ size: 0 })).toThrow(ArgumentError)
    expect(() => cutout({ size: 2, p: -0.1 })).toThrow(/p must be a probability/)
  })
})
