import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { requireFinite, requireNonNegative } from './checks'

describe('argument checks', () => {
  it('accepts finite numbers and refuses the rest', () => {
    expect(() => requireFinite('uniform', 'a', -3)).not.toThrow()
    expect(() => requireFinite('uniform', 'a', Number.NaN)).toThrow(
      'uniform: a must be a finite number, got NaN',
    )
    expect(() => requireFinite('uniform', 'a', '1' as never)).toThrow(ArgumentError)
  })

  it('refuses negative values where a std or gain is expected', () => {
    expect(() => requireNonNegative('normal', 'std', 0)).not.toThrow()
    expect(() => requireNonNegative('normal', 'std', -1)).toThrow('normal: std must be ≥ 0, got -1')
  })
})
