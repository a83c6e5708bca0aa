import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { cosineWarmRestarts } from './cosine-warm-restarts'
import { firstMismatch, torchFixtures } from './torch-fixtures'

describe('cosineWarmRestarts', () => {
  it.each(torchFixtures.cosineWarmRestarts)(
    'matches torch CosineAnnealingWarmRestarts for $params',
    ({ params, lrs }) => {
      expect(firstMismatch(cosineWarmRestarts(params), lrs)).toBeNull()
    },
  )

  it('restarts at t0, t0(1+tMult), … with tMult > 1', () => {
    const s = cosineWarmRestarts({ initial: 1, t0: 2, tMult: 2 })
    expect([0, 2, 6, 14].map(s)).toEqual([1, 1, 1, 1])
    expect(s(1)).toBeCloseTo(0.5, 15)
  })

  it('rejects fractional cycle lengths like PyTorch', () => {
    expect(() => cosineWarmRestarts({ initial: 1, t0: 1.5 })).toThrow(ArgumentError)
    expect(() => cosineWarmRestarts({ initial: 1, t0: 2, tMult: 0 })).toThrow(/tMult/)
  })
})
