import { describe, expect, it } from 'vitest'
import { initFileBytes, initParam, initWeights, sha256Hex } from './init-weights'
import { loadSpec } from './spec'

const spec = loadSpec()

describe('initWeights', () => {
  it.each(['mlp', 'cnn'] as const)('reproduces the spec sha256 of the %s init file', (model) => {
    const bytes = initFileBytes(spec, model, initWeights(spec, model))
    expect(sha256Hex(bytes)).toBe(spec.models[model].init_file.sha256)
  })

  it('draws Glorot-uniform values inside the limit and zeros for biases', () => {
    const w = initWeights(spec, 'mlp')
    // float32 rounding may land on the float32 nearest the limit, just above it
    const limit = Math.fround(Math.sqrt(6 / (784 + 256)))
    expect(w.w1!.length).toBe(784 * 256)
    const largest = w.w1!.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
    expect(largest).toBeLessThanOrEqual(limit)
    expect(largest).toBeGreaterThan(0.99 * limit)
    expect(w.b1!.every((v) => v === 0)).toBe(true)
  })

  it('seeds parameter k with seed + k', () => {
    const p = spec.models.mlp.params[2]!
    expect(initParam(p, spec.init.seed - 2, 4)).toEqual(initWeights(spec, 'mlp').w2)
  })
})

describe('sha256Hex', () => {
  it('hashes only the bytes a view covers', () => {
    const whole = new Uint8Array([0, 1, 2, 3])
    expect(sha256Hex(whole.subarray(1, 3))).toBe(sha256Hex(new Uint8Array([1, 2])))
  })
})
