import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { multiStep } from './multi-step'
import { firstMismatch, torchFixtures } from './torch-fixtures'

describe('multiStep', () => {
  it.each(torchFixtures.multiStep)('matches torch MultiStepLR for $params', ({ params, lrs }) => {
    expect(firstMismatch(multiStep(params), lrs)).toBeNull()
  })

  it('applies a repeated milestone once per copy', () => {
    const s = multiStep({ initial: 1, milestones: [2, 2], gamma: 0.5 })
    expect([1, 2, 100].map(s)).toEqual([1, 0.25, 0.25])
  })

  it('rejects milestones out of order or negative', () => {
    expect(() => multiStep({ initial: 1, milestones: [5, 3] })).toThrow(ArgumentError)
    expect(() => multiStep({ initial: 1, milestones: [-1] })).toThrow(/milestones\[0\]/)
  })
})
