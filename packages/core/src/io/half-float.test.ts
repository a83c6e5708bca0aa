import { describe, expect, it } from 'vitest'
import { bfloat16ToNumber, float16ToNumber } from './half-float'

describe('float16ToNumber', () => {
  it('decodes normal, subnormal, signed-zero and special values', () => {
    expect(float16ToNumber(0x3c00)).toBe(1)
    expect(float16ToNumber(0xc000)).toBe(-2)
    expect(float16ToNumber(0x3555)).toBe(0.333251953125)
    expect(float16ToNumber(0x7bff)).toBe(65504)
    expect(float16ToNumber(0x0400)).toBe(2 ** -14)
    expect(float16ToNumber(0x0001)).toBe(2 ** -24)
    expect(float16ToNumber(0x03ff)).toBe(1023 * 2 ** -24)
    expect(Object.is(float16ToNumber(0x8000), -0)).toBe(true)
    expect(float16ToNumber(0x7c00)).toBe(Number.POSITIVE_INFINITY)
    expect(float16ToNumber(0xfc00)).toBe(Number.NEGATIVE_INFINITY)
    expect(float16ToNumber(0x7e00)).toBeNaN()
  })

  it('is exact in float32 and increasing over all positive bit patterns', () => {
    let inexact = 0
    let unordered = 0
    for (let h = 1; h <= 0x7c00; h++) {
      const v = float16ToNumber(h)
      if (Math.fround(v) !== v) inexact++
      if (!(v > float16ToNumber(h - 1))) unordered++
      if (float16ToNumber(h | 0x8000) !== -v) unordered++
    }
    expect(inexact).toBe(0)
    expect(unordered).toBe(0)
  })
})

describe('bfloat16ToNumber', () => {
  it('reinterprets the upper half of a float32', () => {
    expect(bfloat16ToNumber(0x3f80)).toBe(1)
    expect(bfloat16ToNumber(0xc040)).toBe(-3)
    expect(bfloat16ToNumber(0x3e80)).toBe(0.25)
    expect(bfloat16ToNumber(0x7f80)).toBe(Number.POSITIVE_INFINITY)
    expect(bfloat16ToNumber(0x7fc0)).toBeNaN()
    expect(bfloat16ToNumber(0x0001)).toBe(2 ** -133)
    expect(Object.is(bfloat16ToNumber(0x8000), -0)).toBe(true)
  })
})
