import { describe, expect, it } from 'vitest'
import { wasmSimdSupported } from './simd-support'

describe('wasmSimdSupported', () => {
  it('detects SIMD128 on this Node (V8 has shipped it since Node 16.4) and caches the answer', () => {
    expect(wasmSimdSupported()).toBe(true)
    expect(wasmSimdSupported()).toBe(true)
  })
})
