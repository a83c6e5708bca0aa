import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { type OneCycleOptions, oneCycle } from './one-cycle'
import { firstMismatch, torchFixtures } from './torch-fixtures'

describe('oneCycle', () => {
  it.each(torchFixtures.oneCycle)('matches torch OneCycleLR for $params', ({ params, lrs }) => {
    const options = params as OneCycleOptions
    expect(lrs).toHaveLength(options.totalSteps)
    expect(firstMismatch(oneCycle(options), lrs)).toBeNull()
  })

  it('starts at maxLr/divFactor, peaks at maxLr and holds the final rate after the cycle', () => {
    const s = oneCycle({ maxLr: 1, totalSteps: 100, divFactor: 20, finalDivFactor: 50 })
    expect(s(0)).toBeCloseTo(0.05, 15)
    expect(s(29)).toBeCloseTo(1, 15)
    expect(s(99)).toBeCloseTo(0.001, 15)
    expect(s(100)).toBe(s(99))
    expect(s(1000)).toBe(s(99))
  })

  it('peaks at step 0 when the rise lasts a single step', () => {
    const s = oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 0.1 })
    expect(s(0)).toBe(1)
    expect(s(1)).toBeLessThan(1)
  })

  it('rejects bad options', () => {
    expect(() => oneCycle({ maxLr: 1, totalSteps: 0 })).toThrow(ArgumentError)
    expect(() => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 1.5 })).toThrow(/pctStart/)
    expect(() => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 0.6, threePhase: true })).toThrow(
      /threePhase needs pctStart <= 0.5/,
    )
    expect(() => oneCycle({ maxLr: 1, totalSteps: 10, annealStrategy: 'exp' as 'cos' })).toThrow(
      /unknown annealStrategy "exp"/,
    )
  })
})
