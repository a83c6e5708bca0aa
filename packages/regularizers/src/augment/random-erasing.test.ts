import { ArgumentError, bernoulli, Generator, ones, randomInt, uniform } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { erase } from './erase'
import { randomErasing } from './random-erasing'

describe('randomErasing', () => {
  it('erases the box torchvision’s procedure draws, per sample', () => {
    const n = 12
    const x = ones([n, 1, 8, 10])
    const options = { p: 0.7, scale: [0.05, 0.4] as const, ratio: [0.5, 2] as const, value: -2 }
    const out = randomErasing(options)(x, new Generator(21))
    const g = new Generator(21)
    let erasedSamples = 0
    for (let s = 0; s < n; s++) {
      let want = x
      if (bernoulli(0.7, g) === 1) {
        for (let attempt = 0; attempt < 10; attempt++) {
          const area = 80 * uniform(0.05, 0.4, g)
          const ratio = Math.exp(uniform(Math.log(0.5), Math.log(2), g))
          const h = Math.round(Math.sqrt(area * ratio))
          const w = Math.round(Math.sqrt(area / ratio))
          if (!(h < 8 && w < 10)) continue
          want = erase(x, randomInt(0, 8 - h + 1, g), randomInt(0, 10 - w + 1, g), h, w, -2)
          erasedSamples++
          break
        }
      }
      expect(out.data.subarray(80 * s, 80 * s + 80)).toEqual(
        want.data.subarray(80 * s, 80 * s + 80),
      )
    }
    expect(erasedSamples).toBeGreaterThan(0)
    expect(erasedSamples).toBeLessThan(n)
  })

  it('leaves a sample as it is when no box fits in 10 draws', () => {
    const x = ones([3, 1, 2, 2])
    // Any box of at least half the area has a side of 2, which never fits.
    const out = randomErasing({ p: 1, scale: [0.9, 1] })(x, new Generator(0))
    expect(out.data).toEqual(x.data)
  })

  it('fills with seeded normal noise for value "random"', () => {
    const f = randomErasing({ p: 1, value: 'random' })
    const x = ones([4, 3, 8, 8])
    const a = f(x, new Generator(1))
    expect(a.data).toEqual(f(x, new Generator(1)).data)
    expect(Array.from(a.data).filter((v) => v !== 1).length).toBeGreaterThan(0)
  })

  it('refuses bad options', () => {
    expect(() => randomErasing({ scale: [0.1, 1.5] })).toThrow(/area fractions within \[0, 1\]/)
    expect(() => randomErasing({ ratio: [0, 1] })).toThrow(ArgumentError)
    expect(() => randomErasing({ p: 2 })).toThrow(ArgumentError)
  })
})
