import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { requireFinite, requireInteger } from './checks'

describe('argument checks', () => {
  it('accepts integers from the minimum up and refuses the rest, naming op and argument', () => {
    expect(() => requireInteger('Linear', 'inFeatures', 0, 0)).not.toThrow()
    expect(() => requireInteger('Linear', 'inFeatures', -1, 0)).toThrow(
      'Linear: inFeatures must be an integer ≥ 0, got -1',
    )
    expect(() => requireInteger('Conv2d', 'groups', 1.5, 1)).toThrow(ArgumentError)
    expect(() => requireInteger('Conv2d', 'groups', Number.NaN, 1)).toThrow(ArgumentError)
  })

  it('accepts finite numbers only', () => {
    expect(() => requireFinite('ELU', 'alpha', -0.5)).not.toThrow()
    expect(() => requireFinite('ELU', 'alpha', Number.POSITIVE_INFINITY)).toThrow(
      'ELU: alpha must be a finite number, got Infinity',
    )
  })
})
