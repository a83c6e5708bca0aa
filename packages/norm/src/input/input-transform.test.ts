import { Generator, randn, StateError } from '@knack/core'
import { Linear, Sequential } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import { PCA } from './pca'
import { StandardScaler } from './standard-scaler'

const gen = new Generator(41)

describe('InputTransform', () => {
  it("saves its fitted statistics in the model's state dict, so inference uses them", () => {
    const train = randn([32, 3], { generator: gen })
    for (let i = 0; i < train.size; i++) train.data[i] = train.data[i]! * 4 + 10
    const model = new Sequential(
      new StandardScaler({ channels: 3 }),
      new Linear(3, 2, { generator: gen }),
    )
    ;(model.at(0) as StandardScaler).fit(train)
    const state = model.stateDict()
    expect(Object.keys(state)).toEqual([
      '0.n_samples_seen',
      '0.mean',
      '0.scale',
      '1.weight',
      '1.bias',
    ])

    const restored = new Sequential(
      new StandardScaler({ channels: 3 }),
      new Linear(3, 2, { generator: gen }),
    )
    expect(() => restored.forward(train)).toThrow(StateError)
    restored.loadStateDict(state)
    const x = randn([4, 3], { generator: gen })
    expect(Array.from(restored.forward(x).data)).toEqual(Array.from(model.forward(x).data))
  })

  it('counts the samples it was fitted on', () => {
    const pca = new PCA(2)
    expect(pca.fitted).toBe(false)
    pca.fit(randn([7, 2], { generator: gen }))
    expect(pca.fitted).toBe(true)
    expect(pca.n_samples_seen.dtype).toBe('int32')
    expect(pca.n_samples_seen.item()).toBe(7)
  })
})
