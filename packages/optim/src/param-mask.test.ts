import { ArgumentError, paramPatternMatcher, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { resolveMask } from './param-mask'

const t = (shape: number[]) => new Tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape)
const params = {
  'backbone.0.weight': t([2, 2]),
  'backbone.0.bias': t([2]),
  'head.weight': t([1, 2]),
  'head.bias': t([1]),
  scale: t([]),
}
const selected = (m: Record<string, boolean>) => Object.keys(m).filter((k) => m[k])

describe('parameter masks', () => {
  it('matches globs against the whole name: * within a segment, ** across segments', () => {
    expect(selected(resolveMask('m', '**.bias', params))).toEqual(['backbone.0.bias', 'head.bias'])
    expect(selected(resolveMask('m', 'backbone.**', params))).toEqual([
      'backbone.0.weight',
      'backbone.0.bias',
    ])
    expect(selected(resolveMask('m', '*.bias', params))).toEqual(['head.bias'])
    expect(selected(resolveMask('m', 'scale', params))).toEqual(['scale'])
    expect(selected(resolveMask('m', 'sc', params))).toEqual([])
  })

  it('searches regular expressions, takes any of a list, and calls predicates with the tensor', () => {
    expect(selected(resolveMask('m', /weight$/, params))).toEqual([
      'backbone.0.weight',
      'head.weight',
    ])
    expect(selected(resolveMask('m', ['head.*', /^scale$/], params))).toEqual([
      'head.weight',
      'head.bias',
      'scale',
    ])
    expect(selected(resolveMask('m', (_, p) => p.ndim > 1, params))).toEqual([
      'backbone.0.weight',
      'head.weight',
    ])
  })

  it('takes a boolean per name, and refuses a tree that misses one or a non-boolean predicate', () => {
    const tree = {
      'backbone.0.weight': true,
      'backbone.0.bias': false,
      'head.weight': true,
      'head.bias': false,
      scale: false,
    }
    expect(selected(resolveMask('m', tree, params))).toEqual(['backbone.0.weight', 'head.weight'])
    expect(() => resolveMask('m', { scale: true }, params)).toThrow(
      /m: the mask has no boolean for parameter backbone.0.weight/,
    )
    expect(() => resolveMask('m', (() => 1) as unknown as () => boolean, params)).toThrow(
      ArgumentError,
    )
  })

  it('exposes the pattern test on its own, escaping regex characters in globs', () => {
    const test = paramPatternMatcher('layers.*.weight')
    expect(test('layers.0.weight')).toBe(true)
    expect(test('layers.0.1.weight')).toBe(false)
    expect(test('layersX0Xweight')).toBe(false)
    const global = paramPatternMatcher(/^head\./g)
    expect([global('head.bias'), global('head.bias'), global('x.head.bias')]).toEqual([
      true,
      true,
      false,
    ])
  })
})
