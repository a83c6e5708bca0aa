import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { linear } from './linear'
import { firstMismatch, torchFixtures } from './torch-fixtures'

describe('linear', () => {
  it.each(torchFixtures.linear)('matches torch LinearLR for $params', ({ params, lrs }) => {
    expect(firstMismatch(linear(params), lrs)).toBeNull()
  })

  it("returns PyTorch's default factor (1/3 to 1 over 5 steps) without arguments", () => {
    const s = linear()
    expect(s(0)).toBeCloseTo(1 / 3, 15)
    expect(s(5)).toBe(1)
    expect(s(50)).toBe(1)
  })

  it('rejects zero totalIters and negative factors', () => {
    expect(() => linear({ totalIters: 0 })).toThrow(ArgumentError)
    expect(() => linear({ startFactor: -1 })).toThrow(/startFactor must not be negative/)
  })
})
