import { ArgumentError, Generator, Tensor, uniform } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { randomBrightness, shiftBrightness } from './brightness'

/** Images [2, 2, 1, 2] holding 0 … 7. */
const images = () =>
  new Tensor(
    Float32Array.from({ length: 8 }, (_, i) => i),
    [2, 2, 1, 2],
  )

describe('shiftBrightness', () => {
  it('adds one shift to everything', () => {
    expect(shiftBrightness(images(), 0.5).data).toEqual(
      Float32Array.of(0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5),
    )
  })

  it('adds one shift per sample or per sample and channel', () => {
    expect(shiftBrightness(images(), [10, -10]).data).toEqual(
      Float32Array.of(10, 11, 12, 13, -6, -5, -4, -3),
    )
    expect(shiftBrightness(images(), [1, 2, 3, 4]).data).toEqual(
      Float32Array.of(1, 2, 4, 5, 7, 8, 10, 11),
    )
  })

  it('names the accepted lengths', () => {
    expect(() => shiftBrightness(images(), [1, 2, 3])).toThrow(
      /3 values, but images \[2, 2, …\] need 1, 2 \(per sample\) or 4/,
    )
    expect(() => shiftBrightness(images(), Number.POSITIVE_INFINITY)).toThrow(ArgumentError)
  })
})

describe('randomBrightness', () => {
  it('shifts each sample by its own δ ~ U(−d, d)', () => {
    const out = randomBrightness({ shift: 0.3 })(images(), new Generator(2))
    const g = new Generator(2)
    const shifts = [uniform(-0.3, 0.3, g), uniform(-0.3, 0.3, g)]
    expect(out.data).toEqual(shiftBrightness(images(), shifts).data)
    expect(shifts[0]).not.toBe(shifts[1])
  })

  it('shifts each channel separately with perChannel (a color shift)', () => {
    const out = randomBrightness({ shift: [0.1, 0.2], perChannel: true })(
      images(),
      new Generator(3),
    )
    const g = new Generator(3)
    const shifts = [0, 1, 2, 3].map(() => uniform(0.1, 0.2, g))
    expect(out.data).toEqual(shiftBrightness(images(), shifts).data)
  })

  it('refuses a negative half-width', () => {
    expect(() => randomBrightness({ shift: -0.1 })).toThrow(/shift must be >= 0/)
  })
})
