import { describe, expect, it } from 'vitest'
import { ArgumentError } from '../../errors'
import { checkReduction } from './reduction'

describe('checkReduction', () => {
  it('accepts mean, sum and none, and names anything else', () => {
    for (const r of ['mean', 'sum', 'none']) expect(() => checkReduction('loss', r)).not.toThrow()
    expect(() => checkReduction('loss', 'avg')).toThrow(ArgumentError)
    expect(() => checkReduction('loss', undefined)).toThrow(/loss: unknown reduction undefined/)
  })
})
