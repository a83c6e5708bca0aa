import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { exponential } from './exponential'
import { firstMismatch, torchFixtures } from './torch-fixtures'

describe('exponential', () => {
  it.each(torchFixtures.exponential)(
    'matches torch ExponentialLR for $params',
    ({ params, lrs }) => {
      expect(firstMismatch(exponential(params), lrs)).toBeNull()
    },
  )

  it('rejects a negative or missing gamma', () => {
    expect(() => exponential({ initial: 1, gamma: -0.5 })).toThrow(ArgumentError)
    expect(() => exponential({ initial: 1 } as never)).toThrow(/gamma must be a finite number/)
  })
})
