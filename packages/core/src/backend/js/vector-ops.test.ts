import { afterAll, describe, expect, it } from 'vitest'
import { createWasmBackend } from '../wasm/wasm-backend'
import { jsBackend } from './js-backend'

const wasm = createWasmBackend({ threads: 1, name: 'wasm-vector-test' })
afterAll(() => wasm.terminate())

describe.each([jsBackend, wasm])('$name vector kernels', (backend) => {
  it('scale multiplies in place', () => {
    const x = Float32Array.of(1, -2, 0.5, 0, 4, 8)
    backend.scale(x, -3)
    expect(Array.from(x)).toEqual([-3, 6, -1.5, -0, -12, -24])
  })

  it('addScaled adds alpha·x in place', () => {
    const y = Float32Array.of(1, 2, 3, 4, 5)
    backend.addScaled(y, Float32Array.of(2, 4, -6, 8, 0.5), 0.5)
    expect(Array.from(y)).toEqual([2, 4, 0, 8, 5.25])
  })

  it('allFinite tells finite values from NaN and ±Infinity', () => {
    expect(backend.allFinite(new Float32Array(0))).toBe(true)
    expect(backend.allFinite(Float32Array.of(-0, 3.4e38, -1e-45, 7, 1))).toBe(true)
    expect(backend.allFinite(Float32Array.of(1, 2, 3, 4, Number.NaN))).toBe(false)
    expect(backend.allFinite(Float32Array.of(Number.NEGATIVE_INFINITY, 0))).toBe(false)
  })
})
