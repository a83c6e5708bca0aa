import { describe, expect, it } from 'vitest'
import { paramPatternMatcher } from './param-pattern'

describe('paramPatternMatcher', () => {
  it('matches globs against the whole dotted name', () => {
    const bias = paramPatternMatcher('**.bias')
    expect(bias('layers.0.bias')).toBe(true)
    expect(bias('bias')).toBe(false)
    expect(bias('layers.0.bias_g')).toBe(false)
    const direct = paramPatternMatcher('fc.*')
    expect(direct('fc.weight')).toBe(true)
    expect(direct('fc.inner.weight')).toBe(false)
    expect(paramPatternMatcher('backbone.**')('backbone.0.conv.weight')).toBe(true)
  })

  it('escapes regular-expression characters in globs and searches RegExps anywhere', () => {
    expect(paramPatternMatcher('a+b')('a+b')).toBe(true)
    expect(paramPatternMatcher('a+b')('aab')).toBe(false)
    expect(paramPatternMatcher(/weight$/)('conv.weight')).toBe(true)
  })
})
