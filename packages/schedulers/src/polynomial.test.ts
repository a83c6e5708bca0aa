import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { polynomial } from './polynomial'
import { firstMismatch, torchFixtures } from './torch-fixtures'

describe('polynomial', () => {
  it.each(torchFixtures.polynomial)('matches torch PolynomialLR for $params', ({ params, lrs }) => {
    expect(firstMismatch(polynomial(params), lrs)).toBeNull()
  })

  it('stays at zero after totalIters', () => {
    const s = polynomial({ initial: 1, totalIters: 4, power: 2 })
    expect([4, 10].map(s)).toEqual([0, 0])
  })

  it('rejects a negative power', () => {
    expect(() => polynomial({ initial: 1, power: -1 })).toThrow(ArgumentError)
  })
})
