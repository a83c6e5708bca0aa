import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import fixture from '../fixtures/gains.json'
import { fanOf, fans } from './fans'

describe('fans', () => {
  it.each(fixture.fans.map((f) => [f.shape.join('x'), f] as const))(
    '%s has PyTorch’s fan-in and fan-out',
    (_, f) => {
      const { fanIn, fanOut } = fans(f.shape)
      expect({ fanIn, fanOut }).toEqual({ fanIn: f.fanIn, fanOut: f.fanOut })
    },
  )

  it('reports the receptive field and picks a fan by mode', () => {
    expect(fans([8, 4, 3, 5])).toEqual({ fanIn: 60, fanOut: 120, receptiveField: 15 })
    expect(fanOf([8, 4, 3, 5], 'fanIn')).toBe(60)
    expect(fanOf([8, 4, 3, 5], 'fanOut')).toBe(120)
  })

  it('refuses tensors of fewer than 2 dimensions and unknown modes', () => {
    expect(() => fans([5])).toThrow(ArgumentError)
    expect(() => fans([5])).toThrow(
      'fans: fan-in and fan-out need a weight of at least 2 dimensions, got shape [5]',
    )
    expect(() => fanOf([2, 2], 'fan_in' as never)).toThrow(`fans: unknown mode "fan_in"`)
  })
})
