import { describe, expect, it } from 'vitest'
import { jsRelu, jsReluBackward } from './relu'

describe('js relu kernels', () => {
  it('clamps negatives to +0 and keeps NaN and infinities', () => {
    const x = Float32Array.of(-2, -0, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -Infinity)
    const out = new Float32Array(x.length)
    jsRelu(x, out)
    expect(Object.is(out[1], 0)).toBe(true)
    expect(Array.from(out)).toEqual([0, 0, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 0])
  })

  it('passes the gradient where the output is positive or NaN', () => {
    const y = Float32Array.of(0, 2, Number.NaN, 0)
    const g = Float32Array.of(5, 6, 7, 8)
    const dx = Float32Array.of(9, 9, 9, 9)
    jsReluBackward(g, y, dx)
    expect(Array.from(dx)).toEqual([0, 6, 7, 0])
  })
})
