import { describe, expect, it } from 'vitest'
import { casesOf, optionsOf, problemParams, trajectoryMismatch } from '../fixtures/optimizers'
import { type AdamOptions, adam } from './adam'
import { createOptimizer } from './create-optimizer'

describe('adam', () => {
  const cases = casesOf('adam')

  it('has fixtures for plain, AMSGrad, L2 weight decay, and a schedule', () => {
    expect(cases.length).toBe(4)
  })

  for (const c of cases) {
    it(`follows torch.optim.Adam ${JSON.stringify(c.options)}${c.schedule ? ' with LambdaLR' : ''}`, () => {
      expect(trajectoryMismatch(c, adam(optionsOf<AdamOptions>(c)))).toBeNull()
    })
  }

  it('exposes lr, betas, eps and weight decay by name', () => {
    const opt = createOptimizer(problemParams(), adam({ lr: 0.01, betas: [0.8, 0.99] }))
    expect({ ...opt.hyper }).toEqual({
      weightDecay: 0,
      beta1: 0.8,
      beta2: 0.99,
      eps: 1e-8,
      lr: 0.01,
    })
  })

  it('refuses betas outside [0, 1)', () => {
    expect(() => adam({ betas: [1, 0.999] })).toThrow(/beta1 must be in \[0, 1\), got 1/)
  })
})
