import { describe, expect, it } from 'vitest'
import { casesOf, optionsOf, trajectoryMismatch } from '../fixtures/optimizers'
import { type AdamwOptions, adamw } from './adamw'

describe('adamw', () => {
  const cases = casesOf('adamw')

  it('has its fixtures', () => {
    expect(cases.length).toBe(2)
  })

  for (const c of cases) {
    it(`follows torch.optim.AdamW ${JSON.stringify(c.options)}`, () => {
      expect(trajectoryMismatch(c, adamw(optionsOf<AdamwOptions>(c)))).toBeNull()
    })
  }
})
