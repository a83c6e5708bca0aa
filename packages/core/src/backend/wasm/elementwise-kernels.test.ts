import { afterAll, describe, expect, it } from 'vitest'
import { Generator } from '../../random/generator'
import { jsRelu, jsReluBackward } from '../js/relu'
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
})
