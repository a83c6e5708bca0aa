import { afterAll, describe, expect, it } from 'vitest'
import { createWasmBackend } from '../wasm/wasm-backend'
import { jsBackend } from './js-backend'

const wasm = createWasmBackend({ threads: 1, name: 'wasm-adam-test' })
afterAll(() => wasm.terminate())

describe.each([jsBackend, wasm])('$name adam', (backend) => {
  it('takes a hand-computed first step, and a second from the moments it left', () => {
    // β₁ = 0.9, β₂ = 0.999, from zero moments: m = 0.1·g, v = 0.001·g², u = m·scale/(√v + eps).
    const g = Float32Array.of(1, -2, 0)
    const m = new Float32Array(3)
    const v = new Float32Array(3)
    backend.adam(g, m, v, null, { beta1: 0.9, beta2: 0.999, scale: 2, eps: 0.5 })
    expect(Array.from(m)).toEqual([0.1, -0.2, 0].map(Math.fround))
    expect(Array.from(v)).toEqual([0.001, 0.004, 0].map(Math.fround))
    const want = [(0.1 * 2) / (Math.sqrt(0.001) + 0.5), (-0.2 * 2) / (Math.sqrt(0.004) + 0.5), 0]
    for (const [i, u] of want.entries()) expect(g[i]).toBeCloseTo(u, 6)
    // Second step with g = 1 on the first value: m = 0.09 + 0.1, v = 0.000999 + 0.001.
    const g2 = Float32Array.of(1, 0, 0)
    backend.adam(g2, m, v, null, { beta1: 0.9, beta2: 0.999, scale: 1, eps: 0 })
    expect(m[0]).toBeCloseTo(0.19, 7)
    expect(v[0]).toBeCloseTo(0.001999, 9)
    expect(g2[0]).toBeCloseTo(0.19 / Math.sqrt(0.001999), 5)
  })

  it('uses the running maximum of v with AMSGrad', () => {
    const g = Float32Array.of(1, 1)
    const m = new Float32Array(2)
    const v = Float32Array.of(0, 0)
    const vMax = Float32Array.of(0.25, 0)
    backend.adam(g, m, v, vMax, { beta1: 0.9, beta2: 0.999, scale: 1, eps: 0 })
    expect(Array.from(vMax)).toEqual([0.25, Math.fround(0.001)])
    expect(g[0]).toBeCloseTo(0.1 / 0.5, 7)
    expect(g[1]).toBeCloseTo(0.1 / Math.sqrt(0.001), 5)
  })
})
