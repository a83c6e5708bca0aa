import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { cosineAnnealing } from './cosine-annealing'
import { exponential } from './exponential'
import { linear } from './linear'
import { join, sequence } from './sequence'
import { stepDecay } from './step-decay'
import { firstMismatch, torchFixtures } from './torch-fixtures'

describe('sequence', () => {
  it('matches torch SequentialLR: LinearLR warmup then CosineAnnealingLR', () => {
    const { params, lrs } = torchFixtures.sequential[0]!
    const initial = params.initial
    const s = sequence(
      [
        linear({ initial, startFactor: 0.1, endFactor: 1, totalIters: 5 }),
        cosineAnnealing({ initial, tMax: 30, etaMin: 1e-4 }),
      ],
      [5],
    )
    expect(firstMismatch(s, lrs)).toBeNull()
  })

  it('matches torch SequentialLR with three schedulers', () => {
    const { params, lrs } = torchFixtures.sequential[1]!
    const initial = params.initial
    const s = sequence(
      [
        linear({ initial, startFactor: 0.5, endFactor: 1, totalIters: 4 }),
        exponential({ initial, gamma: 0.9 }),
        stepDecay({ initial, stepSize: 6, gamma: 0.5 }),
      ],
      [8, 20],
    )
    expect(firstMismatch(s, lrs)).toBeNull()
  })

  it('is also exported as join', () => {
    expect(join).toBe(sequence)
  })

  it('rejects mismatched counts and unsorted milestones', () => {
    const a = (t: number) => t
    expect(() => sequence([a, a], [])).toThrow(ArgumentError)
    expect(() => sequence([], [])).toThrow(/got no schedules/)
    expect(() => sequence([a, a, a], [5, 5])).toThrow(/strictly increasing/)
    expect(() => sequence([a, 1 as never], [5])).toThrow(/schedules\[1\] must be a function/)
  })
})
