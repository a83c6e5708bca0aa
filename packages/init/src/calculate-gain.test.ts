import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import fixture from '../fixtures/gains.json'
import { calculateGain, type Nonlinearity } from './calculate-gain'

describe('calculateGain', () => {
  it.each(fixture.gains.map((g) => [`${g.nonlinearity}(${g.param})`, g] as const))(
    '%s equals PyTorch’s table',
    (_, g) => {
      const gain = calculateGain(g.nonlinearity as Nonlinearity, g.param ?? undefined)
      expect(Math.abs(gain - g.gain)).toBeLessThanOrEqual(1e-15 * g.gain)
    },
  )

  it('covers every nonlinearity of PyTorch’s table', () => {
    const names = new Set(fixture.gains.map((g) => g.nonlinearity))
    expect(names.size).toBe(12)
  })

  it('refuses unknown nonlinearities and non-numeric slopes', () => {
    expect(() => calculateGain('gelu' as Nonlinearity)).toThrow(ArgumentError)
    expect(() => calculateGain('gelu' as Nonlinearity)).toThrow(
      /unsupported nonlinearity "gelu" \(help: use one of linear, conv1d/,
    )
    expect(() => calculateGain('leaky_relu', Number.NaN)).toThrow(
      'calculateGain: the negative slope of leaky_relu must be a finite number, got NaN',
    )
    expect(() => calculateGain('leaky_relu', true as never)).toThrow(ArgumentError)
  })
})
