import { describe, expect, it } from 'vitest'
import { casesOf, optionsOf, problemParams, trajectoryMismatch } from '../fixtures/optimizers'
import { createOptimizer } from './create-optimizer'
import { type SgdOptions, sgd } from './sgd'

describe('sgd', () => {
  const cases = casesOf('sgd')

  it('has fixtures for plain, momentum, Nesterov, dampening with weight decay, and a schedule', () => {
    expect(cases.length).toBe(5)
  })

  for (const c of cases) {
    it(`follows torch.optim.SGD ${JSON.stringify(c.options)}${c.schedule ? ' with LambdaLR' : ''}`, () => {
      expect(trajectoryMismatch(c, sgd(optionsOf<SgdOptions>(c)))).toBeNull()
    })
  }

  it('names its hyperparameters as PyTorch does', () => {
    const opt = createOptimizer(problemParams(), sgd({ lr: 0.1, momentum: 0.9 }))
    expect({ ...opt.hyper }).toEqual({ weightDecay: 0, momentum: 0.9, dampening: 0, lr: 0.1 })
  })

  it('refuses Nesterov without momentum', () => {
    expect(() => sgd({ lr: 0.1, nesterov: true })).toThrow(/Nesterov momentum needs momentum > 0/)
  })
})
