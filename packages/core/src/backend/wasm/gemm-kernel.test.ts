import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { Generator } from '../../random/generator'
import type { MatmulOptions } from '../backend'
import { jsMatmul } from '../js/matmul'
import { gemmBlocking } from './gemm-kernel'
import { createWasmBackend } from './wasm-backend'

const wasm = createWasmBackend({ threads: 1 })
afterAll(() => wasm.terminate())

const gen = new Generator(7)
const random = (n: number) => Float32Array.from({ length: n }, () => 2 * gen.nextFloat() - 1)

/**
 * Runs one product on wasm and on the js reference from the same starting `out`, and checks
 * every element within a float32 accumulation bound (scaled by Σ|a·b| of the product).
 */
function check(a: Float32Array, b: Float32Array, out: Float32Array, o: MatmulOptions): void {
  const expected = out.slice()
  const actual = out.slice()
  jsMatmul(a, b, expected, o)
  wasm.matmul(a, b, actual, o)
  const abs = (x: Float32Array) => x.map(Math.abs)
  const scale = abs(out)
  jsMatmul(abs(a), abs(b), scale, { ...o, accumulate: true })
  for (let i = 0; i < out.length; i++) {
    const tol = 1e-6 + 4e-6 * scale[i]!
    if (!(Math.abs(actual[i]! - expected[i]!) <= tol)) {
      expect.fail(
        `${JSON.stringify(o)}: element ${i} is ${actual[i]}, expected ${expected[i]} (tol ${tol})`,
      )
    }
  }
}

const flags = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
] as const

describe('wasm gemm kernel', () => {
  it('matches the js reference on edge sizes in every transpose combination', () => {
    const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 17, 31]
    for (const [transA, transB] of flags) {
      for (let t = 0; t < 40; t++) {
        const m = sizes[(t * 7 + 1) % sizes.length]!
        const n = sizes[(t * 5 + 3) % sizes.length]!
        const k = sizes[(t * 3 + 2) % sizes.length]! * 9
        check(random(m * k), random(k * n), new Float32Array(m * n), { m, n, k, transA, transB })
      }
    }
  })

  it('crosses every cache block: m > mc, k > kc (a large k), n > nc, ragged edges', () => {
    const { mc, kc, nc } = gemmBlocking()
    const cases = [
      { m: mc + 5, n: 37, k: 2 * kc + 13 },
      { m: 11, n: nc + 9, k: 19 },
      { m: 101, n: 67, k: 1009 },
      { m: 256, n: 257, k: 255 },
    ]
    for (const { m, n, k } of cases) {
      for (const [transA, transB] of flags) {
        check(random(m * k), random(k * n), new Float32Array(m * n), { m, n, k, transA, transB })
      }
    }
  })

  it('handles batch, strides, offsets and accumulation like the reference', () => {
    const m = 13
    const n = 10
    const k = 29
    const cases: MatmulOptions[] = [
      { m, n, k, batch: 3 },
      { m, n, k, batch: 3, transA: true, strideB: 0 },
      { m, n, k, batch: 4, transB: true, strideA: 0, accumulate: true },
      { m, n, k, batch: 3, strideOut: 0, accumulate: true },
      { m, n, k, batch: 2, offsetA: 5, offsetB: 3, offsetOut: 7, accumulate: true },
      { m, n, k, batch: 2, strideOut: m * n + 11, offsetOut: 2 },
      { m, n, k, batch: 3, strideA: m * k + 4, strideB: k * n + 1, transA: true, transB: true },
    ]
    for (const o of cases) {
      const batch = o.batch ?? 1
      const a = random((o.offsetA ?? 0) + batch * ((o.strideA ?? m * k) || m * k) + 8)
      const b = random((o.offsetB ?? 0) + batch * ((o.strideB ?? k * n) || k * n) + 8)
      const out = random((o.offsetOut ?? 0) + batch * ((o.strideOut ?? m * n) || m * n) + 16)
      check(a, b, out, o)
    }
  })

  it('splits products over threads, B packed by all of them across nc and kc blocks', async () => {
    const threaded = createWasmBackend({ threads: 3 })
    try {
      await threaded.whenReady()
      const { nc, kc } = gemmBlocking()
      // Column chunks of the shared packed B straddle the nc boundary; rows and columns split
      // (each case has work for all three threads).
      const cases: MatmulOptions[] = [
        { m: 50, n: nc + 276, k: kc + 14, transB: true },
        { m: 61, n: nc + 276, k: 2 * kc + 1 },
        { m: 6, n: nc + 99, k: 137, transA: true },
        // Rows copied out chunk by chunk, around the others' rows.
        { m: 90, n: 75, k: 160, offsetOut: 7, accumulate: true },
      ]
      for (const o of cases) {
        const a = random(o.m * o.k)
        const b = random(o.k * o.n)
        const out = random((o.offsetOut ?? 0) + o.m * o.n + 3)
        check(a, b, out, o)
        const single = out.slice()
        wasm.matmul(a, b, single, o)
        threaded.matmul(a, b, out, o)
        expect(out).toEqual(single)
      }
    } finally {
      threaded.terminate()
    }
  })

  it('zeroes (or keeps, when accumulating) the result of an empty inner dimension', () => {
    const out = Float32Array.of(1, 2, 3, 4, 5, 6)
    wasm.matmul(new Float32Array(0), new Float32Array(0), out, {
      m: 2,
      n: 3,
      k: 0,
      accumulate: true,
    })
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 5, 6])
    wasm.matmul(new Float32Array(0), new Float32Array(0), out, { m: 2, n: 3, k: 0 })
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0])
    wasm.matmul(new Float32Array(4), new Float32Array(4), out, { m: 0, n: 3, k: 4 })
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('propagates NaN and infinities through the products', () => {
    const m = 20
    const n = 20
    const k = 20
    const a = random(m * k)
    a[3] = Number.NaN
    a[k * 5] = Number.POSITIVE_INFINITY
    const out = new Float32Array(m * n)
    wasm.matmul(a, random(k * n), out, { m, n, k })
    expect(out.slice(0, n).every(Number.isNaN)).toBe(true)
    expect(out.slice(5 * n, 6 * n).every((v) => !Number.isFinite(v))).toBe(true)
    expect(out.slice(n, 5 * n).every(Number.isFinite)).toBe(true)
  })

  it('runs the fused multiply-add micro-kernel where relaxed SIMD is enabled', () => {
    const path = (file: string) => JSON.stringify(fileURLToPath(new URL(file, import.meta.url)))
    // Node 20 ships relaxed SIMD behind a flag: check the FMA kernel in a child process.
    const script = `
      import { createWasmBackend } from ${path('./wasm-backend.ts')}
      import { jsMatmul } from ${path('../js/matmul.ts')}
      const wasm = createWasmBackend({ threads: 2 })
      await wasm.whenReady()
      let seed = 1
      const random = (n) => Float32Array.from({ length: n }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1)
      let worst = 0
      for (const [m, n, k, transA, transB] of [[5, 13, 7, false, false], [97, 1031, 300, true, false], [64, 25, 530, false, true], [301, 77, 150, true, true]]) {
        const a = random(m * k), b = random(k * n), expected = new Float32Array(m * n), actual = new Float32Array(m * n)
        jsMatmul(a, b, expected, { m, n, k, transA, transB })
        wasm.matmul(a, b, actual, { m, n, k, transA, transB })
        for (let i = 0; i < m * n; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i])))
      }
      console.log(JSON.stringify({ fma: wasm.fma, threads: wasm.threads, worst }))
    `
    const child = spawnSync(
      process.execPath,
      [
        '--experimental-wasm-relaxed-simd',
        '--import',
        'tsx',
        '--input-type=module',
        '--eval',
        script,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    )
    expect(child.stderr).toBe('')
    const result = JSON.parse(child.stdout) as { fma: boolean; threads: number; worst: number }
    expect(result.fma).toBe(true)
    expect(result.threads).toBe(2)
    expect(result.worst).toBeLessThan(1e-4)
  })
})
