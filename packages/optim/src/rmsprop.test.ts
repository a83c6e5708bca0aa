import { describe, expect, it } from 'vitest'
import { casesOf, optionsOf, trajectoryMismatch } from '../fixtures/optimizers'
import { type RmspropOptions, rmsprop } from './rmsprop'

describe('rmsprop', () => {
  const cases = casesOf('rmsprop')

  it('has its fixtures', () => {
    expect(cases.length).toBe(2)
  })

  for (const c of cases) {
    it(`follows torch.optim.RMSprop ${JSON.stringify(c.options)}`, () => {
      expect(trajectoryMismatch(c, rmsprop(optionsOf<RmspropOptions>(c)))).toBeNull()
    })
  }
})
