import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { constant } from './constant'
import { cosineAnnealing } from './cosine-annealing'
import { sequence } from './sequence'
import { firstMismatch, torchFixtures } from './torch-fixtures'

describe('cosineAnnealing', () => {
  it.each(torchFixtures.cosineAnnealing)(
    "matches torch CosineAnnealingLR's recursive steps, past tMax too, for $params",
    ({ params, lrs }) => {
      // The closed form and PyTorch's recursion agree to rounding: 1e-12 relative holds.
      expect(firstMismatch(cosineAnnealing(params), lrs, 1e-12, 1e-15)).toBeNull()
    },
  )

  it('reaches etaMin at tMax and rises again with period 2·tMax', () => {
    const s = cosineAnnealing({ initial: 1, tMax: 4, etaMin: 0.2 })
    expect(s(4)).toBeCloseTo(0.2, 15)
    expect(s(8)).toBeCloseTo(1, 15)
    expect(s(2)).toBeCloseTo(0.6, 15)
  })

  it('holds etaMin after tMax when followed by a constant', () => {
    const s = sequence([cosineAnnealing({ initial: 1, tMax: 4 }), constant(0)], [4])
    expect([4, 5, 9].map(s)).toEqual([0, 0, 0])
    expect(s(3)).toBeGreaterThan(0)
  })

  it('rejects a non-positive tMax', () => {
    expect(() => cosineAnnealing({ initial: 1, tMax: 0 })).toThrow(ArgumentError)
  })
})
