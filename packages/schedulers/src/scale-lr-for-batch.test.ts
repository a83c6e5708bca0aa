import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { scaleLrForBatch } from './scale-lr-for-batch'

describe('scaleLrForBatch', () => {
  it('scales linearly by default (0.1 per 256 → 3.2 at 8192, as in Goyal et al.)', () => {
    expect(scaleLrForBatch({ baseLr: 0.1, baseBatch: 256, batch: 8192 })).toBeCloseTo(3.2, 14)
  })

  it('scales with the square root under the sqrt rule', () => {
    expect(scaleLrForBatch({ baseLr: 0.1, baseBatch: 64, batch: 1024, rule: 'sqrt' })).toBeCloseTo(
      0.4,
      15,
    )
  })

  it('rejects non-positive batch sizes and unknown rules', () => {
    expect(() => scaleLrForBatch({ baseLr: 0.1, baseBatch: 0, batch: 8 })).toThrow(ArgumentError)
    expect(() =>
      scaleLrForBatch({ baseLr: 0.1, baseBatch: 8, batch: 8, rule: 'cube' as 'sqrt' }),
    ).toThrow(/unknown rule "cube"/)
  })
})
