import { ArgumentError, StateError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { type ReduceLROnPlateauOptions, reduceLROnPlateau } from './reduce-lr-on-plateau'
import { torchFixtures } from './torch-fixtures'

const cases = torchFixtures.reduceLROnPlateau.map(({ params, metrics, lrs }) => {
  const { initial, ...rest } = params
  return { options: { lr: initial, ...rest } as ReduceLROnPlateauOptions, metrics, lrs }
})

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 + 1e-9 * Math.abs(b)

describe('reduceLROnPlateau', () => {
  it.each(cases)('matches torch ReduceLROnPlateau for $options', ({ options, metrics, lrs }) => {
    const plateau = reduceLROnPlateau(options)
    const got = metrics.map((m) => plateau.step(m))
    expect(got.every((g, i) => close(g, lrs[i]!))).toBe(true)
    expect(new Set(lrs).size).toBeGreaterThan(1)
  })

  it('resumes from a JSON round trip of its state exactly where it stopped', () => {
    const { options, metrics, lrs } = cases[1]!
    const first = reduceLROnPlateau(options)
    for (const m of metrics.slice(0, 27)) first.step(m)
    const saved = JSON.parse(JSON.stringify(first.stateDict()))
    const second = reduceLROnPlateau(options)
    second.loadStateDict(saved)
    expect(second.stateDict()).toEqual(first.stateDict())
    const rest = metrics.slice(27).map((m) => second.step(m))
    expect(rest.every((g, i) => close(g, lrs[27 + i]!))).toBe(true)
  })

  it('keeps "no best yet" through JSON as null', () => {
    const plateau = reduceLROnPlateau({ mode: 'max' })
    expect(plateau.best).toBe(-Infinity)
    const state = JSON.parse(JSON.stringify(plateau.stateDict()))
    expect(state.best).toBeNull()
    plateau.step(0.5)
    plateau.loadStateDict(state)
    expect(plateau.best).toBe(-Infinity)
  })

  it('returns a factor by default and reduces the rate it is given', () => {
    const plateau = reduceLROnPlateau({ patience: 0, factor: 0.5 })
    expect(plateau.step(1)).toBe(1)
    expect(plateau.step(1)).toBe(0.5)
    expect(plateau.step(1, 0.08)).toBe(0.04)
    expect(plateau.lr).toBe(0.04)
  })

  it('counts a NaN metric as a bad epoch', () => {
    const plateau = reduceLROnPlateau({ lr: 1, patience: 1 })
    plateau.step(1)
    plateau.step(Number.NaN)
    expect(plateau.numBadEpochs).toBe(1)
    expect(plateau.step(Number.NaN)).toBeCloseTo(0.1, 15)
  })

  it('rejects bad options and malformed state', () => {
    expect(() => reduceLROnPlateau({ factor: 1 })).toThrow(ArgumentError)
    expect(() => reduceLROnPlateau({ mode: 'up' as 'min' })).toThrow(/unknown mode "up"/)
    expect(() => reduceLROnPlateau({ patience: -1 })).toThrow(/patience/)
    const plateau = reduceLROnPlateau()
    expect(() => plateau.loadStateDict({ lr: 1 } as never)).toThrow(StateError)
    expect(() => plateau.step('0.1' as never)).toThrow(/metric as a number/)
  })
})
