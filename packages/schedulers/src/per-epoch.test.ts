import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { exponential } from './exponential'
import { perEpoch } from './per-epoch'
import { firstMismatch, torchFixtures } from './torch-fixtures'

describe('perEpoch', () => {
  it.each(torchFixtures.perEpoch)(
    'matches torch ExponentialLR stepped once per epoch for $params',
    ({ params, lrs }) => {
      const s = perEpoch(exponential(params), params.stepsPerEpoch)
      expect(firstMismatch(s, lrs)).toBeNull()
    },
  )

  it('rejects a non-positive epoch length and a non-function', () => {
    expect(() => perEpoch((e) => e, 0)).toThrow(ArgumentError)
    expect(() => perEpoch(0.1 as never, 10)).toThrow(/schedule must be a function/)
  })
})
