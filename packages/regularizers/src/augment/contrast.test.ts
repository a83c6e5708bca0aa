import { ArgumentError, Generator, Tensor, uniform } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { adjustContrast, randomContrast } from './contrast'

/** Images [2, 2, 1, 2]: sample 0 has mean 1.5, sample 1 mean 10. */
const images = () => new Tensor(Float32Array.of(0, 1, 2, 3, 10, 10, 6, 14), [2, 2, 1, 2])

describe('adjustContrast', () => {
  it('scales around each image mean: m + f·(x − m)', () => {
    expect(adjustContrast(images(), 2).data).toEqual(
      Float32Array.of(-1.5, 0.5, 2.5, 4.5, 10, 10, 2, 18),
    )
    expect(adjustContrast(images(), [0.5, 0]).data).toEqual(
      Float32Array.of(0.75, 1.25, 1.75, 2.25, 10, 10, 10, 10),
    )
  })

  it('is the identity for f = 1 and keeps the mean', () => {
    const x = new Tensor(
      Float32Array.from({ length: 24 }, (_, i) => Math.sin(i)),
      [2, 3, 2, 2],
    )
    expect(adjustContrast(x, 1).data).toEqual(x.data)
    const out = adjustContrast(x, 1.7)
    for (let s = 0; s < 2; s++) {
      const mean = (d: Float32Array) => d.subarray(12 * s, 12 * s + 12).reduce((a, b) => a + b) / 12
      expect(mean(out.data as Float32Array)).toBeCloseTo(mean(x.data as Float32Array), 6)
    }
  })

  it('refuses negative factors', () => {
    expect(() => adjustContrast(images(), -1)).toThrow(ArgumentError)
  })
})

describe('randomContrast', () => {
  it('draws f ~ U(max(0, 1 − c), 1 + c) per sample', () => {
    const out = randomContrast({ factor: 0.5 })(images(), new Generator(1))
    const g = new Generator(1)
    const factors = [uniform(0.5, 1.5, g), uniform(0.5, 1.5, g)]
    expect(out.data).toEqual(adjustContrast(images(), factors).data)
    const wide = randomContrast({ factor: 3 })(images(), new Generator(1))
    const g2 = new Generator(1)
    expect(wide.data).toEqual(adjustContrast(images(), [uniform(0, 4, g2), uniform(0, 4, g2)]).data)
  })

  it('refuses ranges below 0', () => {
    expect(() => randomContrast({ factor: [-0.5, 1] })).toThrow(/must not go below 0/)
    expect(() => randomContrast({ factor: -1 })).toThrow(ArgumentError)
  })
})
