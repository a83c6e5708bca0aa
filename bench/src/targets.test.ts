import { describe, expect, it } from 'vitest'
import { parseTarget, selectWorkloads, targetName, targetOrder } from './targets'

describe('targetOrder', () => {
  it('alternates frameworks: first Knack backend, TF.js cpu and wasm, other Knack, PyTorch', () => {
    expect(targetOrder(['js', 'wasm'], true).map(targetName)).toEqual([
      'knack-js',
      'tfjs-cpu',
      'tfjs-wasm',
      'knack-wasm',
      'pytorch-cpu',
    ])
    expect(targetOrder(['js'], false).map(targetName)).toEqual([
      'knack-js',
      'tfjs-cpu',
      'tfjs-wasm',
    ])
  })
})

describe('parseTarget', () => {
  it('splits at the first dash', () => {
    expect(parseTarget('tfjs-wasm')).toEqual({ framework: 'tfjs', backend: 'wasm' })
  })

  it('refuses unknown frameworks and missing backends', () => {
    expect(() => parseTarget('jax-cpu')).toThrow(/cannot read target 'jax-cpu'/)
    expect(() => parseTarget('knack')).toThrow(/framework-backend/)
  })
})

describe('selectWorkloads', () => {
  const all = ['W1_mlp', 'W2_cnn', 'W3_matmul', 'W4_mlp_b8']

  it('selects everything by default', () => {
    expect(selectWorkloads(all, undefined)).toEqual(all)
  })

  it('accepts short and full names and keeps the spec order', () => {
    expect(selectWorkloads(all, 'W3, W1_mlp')).toEqual(['W1_mlp', 'W3_matmul'])
  })

  it('refuses names the spec does not define', () => {
    expect(() => selectWorkloads(all, 'W1,W7')).toThrow(/names 'W7'/)
  })
})
