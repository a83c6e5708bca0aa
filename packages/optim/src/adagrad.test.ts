import { describe, expect, it } from 'vitest'
import { casesOf, optionsOf, trajectoryMismatch } from '../fixtures/optimizers'
import { type AdagradOptions, adagrad } from './adagrad'

describe('adagrad', () => {
  const cases = casesOf('adagrad')

  it('has its fixtures', () => {
    expect(cases.length).toBe(2)
  })

  for (const c of cases) {
    it(`follows torch.optim.Adagrad ${JSON.stringify(c.options)}`, () => {
      expect(trajectoryMismatch(c, adagrad(optionsOf<AdagradOptions>(c)))).toBeNull()
    })
  }
})
