import { describe, expect, it } from 'vitest'
import { getDefaultGenerator, manualSeed } from './default-generator'
import { Generator } from './generator'
import { normal } from './normal'
import { uniform } from './uniform'

describe('default generator', () => {
  it('manualSeed reseeds the shared default generator in place', () => {
    const g = getDefaultGenerator()
    expect(manualSeed(2024)).toBe(g)
    const first = [uniform(), normal(), uniform(-1, 1)]
    manualSeed(2024)
    expect([uniform(), normal(), uniform(-1, 1)]).toEqual(first)
    expect(getDefaultGenerator()).toBe(g)
    expect(g.initialSeed()).toBe(2024)
  })

  it('matches a fresh Generator with the same seed', () => {
    manualSeed(77)
    const mine = new Generator(77)
    expect(uniform()).toBe(uniform(0, 1, mine))
  })

  it('is left untouched when an explicit generator is passed', () => {
    manualSeed(5)
    const before = getDefaultGenerator().getState()
    uniform(0, 1, new Generator(1))
    normal(0, 1, new Generator(1))
    expect(getDefaultGenerator().getState()).toEqual(before)
  })
})
