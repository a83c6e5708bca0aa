import { afterAll, describe, expect, it } from 'vitest'
import { Generator } from '../../random/generator'
import { jsAdam } from '../js/adam'
import { jsRelu, jsReluBackward } from '../js/relu'
import { jsAddScaled, jsAllFinite, jsScale } from '../js/vector-ops'
import { createWasmBackend } from './wasm-backend'

const wasm = createWasmBackend({ threads: 1 })
afterAll(() => wasm.terminate())

const gen = new Generator(3)
const random = (n: number) => Float32Array.from({ length: n }, () => 2 * gen.nextFloat() - 1)

/** Random values with the special ones (±0, NaN, ±∞) sprinkled in. */
function special(n: number): Float32Array {
  const x = random(n)
  const specials = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]
  for (let i = 0; i < n; i += 3) x[i] = specials[(i / 3) % specials.length]!
  return x
}

describe('wasm elementwise kernels', () => {
  it('relu equals the reference bit for bit, for every length around the SIMD width', () => {
    // Up to lengths that the backend streams through wasm memory in several chunks.
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 1001, 4096, 12_295]) {
      const x = special(n)
      const expected = new Float32Array(n)
      const actual = random(n)
      jsRelu(x, expected)
      wasm.relu(x, actual)
      expect(actual).toEqual(expected)
      expect(actual.every((v, i) => Object.is(v, expected[i]))).toBe(true)
    }
  })

  it('relu backward equals the reference: 0 where the output is ≤ 0, the gradient elsewhere (NaN too)', () => {
    for (const n of [0, 1, 3, 4, 6, 8, 13, 1000, 4096, 12_295]) {
      const y = special(n)
      const g = random(n)
      const expected = new Float32Array(n)
      const actual = random(n)
      jsReluBackward(g, y, expected)
      wasm.reluBackward(g, y, actual)
      expect(actual).toEqual(expected)
    }
  })

  /**
   * Checks `actual` against `expected` within `rtol·|expected| + atol` (NaN must match NaN,
   * infinities exactly).
   */
  const expectClose = (
    actual: Float32Array,
    expected: Float32Array,
    rtol: number,
    what: string,
    atol = 0,
  ) => {
    expect(actual.length).toBe(expected.length)
    for (let i = 0; i < expected.length; i++) {
      const [a, e] = [actual[i]!, expected[i]!]
      const close = a === e || Math.abs(a - e) <= rtol * Math.abs(e) + atol
      if (Number.isNaN(e) ? !Number.isNaN(a) : !close) {
        expect.fail(`${what}: element ${i} of ${expected.length} is ${a}, expected ${e}`)
      }
    }
  }
  const lengths = [0, 1, 3, 4, 5, 17, 4095, 4096, 4097, 12_295]

  it('adam takes the reference step in float32, with and without AMSGrad', () => {
    for (const n of lengths) {
      for (const amsgrad of [false, true]) {
        const g = random(n)
        if (n > 2) g[n - 2] = Number.NaN
        const m = random(n)
        const v = random(n).map(Math.abs)
        const vMax = amsgrad ? random(n).map(Math.abs) : null
        const options = { beta1: 0.9, beta2: 0.999, scale: 0.37, eps: 1e-8 }
        const [expected, actual] = [0, 1].map(() => ({
          g: g.slice(),
          m: m.slice(),
          v: v.slice(),
          vMax: vMax?.slice() ?? null,
        }))
        jsAdam(expected!.g, expected!.m, expected!.v, expected!.vMax, options)
        wasm.adam(actual!.g, actual!.m, actual!.v, actual!.vMax, options)
        const what = `adam n=${n}${amsgrad ? ' amsgrad' : ''}`
        // float32 arithmetic, as PyTorch's, against float64 rounded once: the moments agree to
        // the last bits of their terms (|terms| ≤ 1), the updates to a few float32 ulps.
        expectClose(actual!.m, expected!.m, 1e-6, `${what} m`, 1e-7)
        expectClose(actual!.v, expected!.v, 1e-6, `${what} v`, 1e-7)
        if (amsgrad) expectClose(actual!.vMax!, expected!.vMax!, 1e-6, `${what} vMax`, 1e-7)
        expectClose(actual!.g, expected!.g, 1e-5, `${what} update`, 1e-6)
      }
    }
  })

  it('scale and addScaled equal the reference (y + 1·x exactly)', () => {
    for (const n of lengths) {
      const [x, y] = [special(n), random(n)]
      const [expected, actual] = [x.slice(), x.slice()]
      jsScale(expected, -0.003)
      wasm.scale(actual, -0.003)
      // The factor itself is rounded to float32 first.
      expectClose(actual, expected, 3e-7, `scale n=${n}`)
      const [sumExpected, sumActual] = [y.slice(), y.slice()]
      jsAddScaled(sumExpected, x, 1)
      wasm.addScaled(sumActual, x, 1)
      expect(sumActual).toEqual(sumExpected)
      jsAddScaled(sumExpected, x, 0.25)
      wasm.addScaled(sumActual, x, 0.25)
      expectClose(sumActual, sumExpected, 1e-6, `addScaled n=${n}`)
    }
  })

  it('allFinite finds a NaN or an infinity wherever it is, and passes every finite value', () => {
    for (const n of lengths) {
      const x = random(n)
      if (n > 0) x[0] = -0
      if (n > 1) x[n - 1] = 3.4e38
      expect(wasm.allFinite(x)).toBe(true)
      expect(jsAllFinite(x)).toBe(true)
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        for (const at of [0, n >> 1, n - 1].filter((i) => i >= 0 && i < n)) {
          const y = x.slice()
          y[at] = bad
          expect(wasm.allFinite(y), `n=${n} at=${at} ${bad}`).toBe(false)
          expect(jsAllFinite(y)).toBe(false)
        }
      }
    }
  })
})
