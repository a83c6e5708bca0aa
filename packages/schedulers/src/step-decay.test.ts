import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { stepDecay } from './step-decay'
import { firstMismatch, torchFixtures } from './torch-fixtures'

describe('stepDecay', () => {
  it.each(torchFixtures.stepDecay)('matches torch StepLR for $params', ({ params, lrs }) => {
    expect(firstMismatch(stepDecay(params), lrs)).toBeNull()
  })

  it('decays by gamma every stepSize steps (default gamma 0.1)', () => {
    const s = stepDecay({ initial: 2, stepSize: 3 })
    expect([0, 2, 3, 5, 6].map(s)).toEqual([2, 2, 2 * 0.1, 2 * 0.1, 2 * 0.1 ** 2])
  })

  it('rejects a step size that is not a positive integer', () => {
    expect(() => stepDecay({ initial: 1, stepSize: 0 })).toThrow(ArgumentError)
    expect(() => stepDecay({ initial: 1, stepSize: 2.5 })).toThrow(/stepSize must be an integer/)
  })
})
