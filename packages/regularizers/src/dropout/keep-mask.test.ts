import { ArgumentError, Generator } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { checkDropProbability, invertedScales, keepMask } from './keep-mask'

describe('keepMask', () => {
  it('keeps a share of about 1 − p', () => {
    const keep = keepMask(100_000, 0.3, new Generator(1))
    let kept = 0
    for (const k of keep) kept += k
    expect(kept / keep.length).toBeCloseTo(0.7, 2)
  })

  it('is exact at p = 0 and p = 1', () => {
    expect(keepMask(1000, 0, new Generator(2)).every((k) => k === 1)).toBe(true)
    expect(keepMask(1000, 1, new Generator(2)).every((k) => k === 0)).toBe(true)
  })

  it('is reproducible from a seed', () => {
    expect(keepMask(64, 0.5, new Generator(9))).toEqual(keepMask(64, 0.5, new Generator(9)))
    expect(keepMask(64, 0.5, new Generator(9))).not.toEqual(keepMask(64, 0.5, new Generator(10)))
  })

  it('turns keep flags into inverted-dropout scales', () => {
    expect(Array.from(invertedScales(Uint8Array.of(1, 0, 1), 0.75))).toEqual([4, 0, 4])
    expect(Array.from(invertedScales(Uint8Array.of(0, 0), 1))).toEqual([0, 0])
  })

  it('refuses probabilities outside [0, 1]', () => {
    for (const p of [-0.1, 1.5, Number.NaN]) {
      expect(() => checkDropProbability('Dropout', p)).toThrow(ArgumentError)
    }
    expect(() => checkDropProbability('Dropout', 2)).toThrow(
      /^Dropout: the drop probability p must be in \[0, 1\], got 2/,
    )
  })
})
