import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { clearHyper, hyperSpec, hyperValue, initHyper, nextHyper, setHyper } from './hyper'

describe('hyperparameters', () => {
  it('leaves out undefined entries and checks constants against their range', () => {
    const spec = hyperSpec('t', { a: [0.5, 'unitInterval'], b: [undefined, 'real'] })
    expect(Object.keys(spec.params)).toEqual(['a'])
    expect(() => hyperSpec('t', { a: [-1, 'nonNegative'] })).toThrow(
      /t: a must be a finite number ≥ 0, got -1/,
    )
    expect(() => hyperSpec('t', { a: [1, 'unitInterval'] })).toThrow(ArgumentError)
    expect(() => hyperSpec('t', { a: [Number.NaN, 'real'] })).toThrow(ArgumentError)
    expect(() => hyperSpec('t', { a: ['0.1' as unknown as number, 'real'] })).toThrow(
      /number or a schedule/,
    )
  })

  it('evaluates a schedule at the count, and hand-set values win until cleared', () => {
    const h0 = initHyper(
      hyperSpec('t', { lr: [(step) => 1 / (step + 1), 'nonNegative'], c: [3, 'real'] }),
    )
    expect(hyperValue(h0, 'lr')).toBe(1)
    const h2 = nextHyper(nextHyper(h0))
    expect(h0.count).toBe(0)
    expect(h2.count).toBe(2)
    expect(hyperValue(h2, 'lr')).toBeCloseTo(1 / 3)
    setHyper(h2, 'lr', 0.01)
    expect(hyperValue(h2, 'lr')).toBe(0.01)
    expect(hyperValue(nextHyper(h2), 'lr')).toBe(0.01)
    expect(hyperValue(h0, 'lr')).toBe(1)
    clearHyper(h2, 'lr')
    expect(hyperValue(h2, 'lr')).toBeCloseTo(1 / 3)
    expect(hyperValue(h2, 'c')).toBe(3)
  })

  it('returns the fallback for an undeclared name and refuses unknown names otherwise', () => {
    const h = initHyper(hyperSpec('t', {}))
    expect(hyperValue(h, 'dampening', 0)).toBe(0)
    expect(() => hyperValue(h, 'dampening')).toThrow(/no hyperparameter named dampening/)
  })

  it('checks schedule values and hand-set values against the range', () => {
    const h = initHyper(hyperSpec('t', { lr: [(step) => 1 - step, 'nonNegative'] }))
    expect(hyperValue(nextHyper(h), 'lr')).toBe(0)
    expect(() => hyperValue(nextHyper(nextHyper(h)), 'lr')).toThrow(
      /lr must be a finite number ≥ 0, got -1 from its schedule at step 2/,
    )
    expect(() => setHyper(h, 'lr', -0.5)).toThrow(ArgumentError)
    expect(() => setHyper(h, 'lr', '1' as unknown as number)).toThrow(/must be set to a number/)
  })
})
