import { readFileSync } from 'node:fs'
import { decodeSafetensors, Module, noGrad, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  Conv2d,
  Flatten,
  Linear,
  MaxPool2d,
  ReLU,
  Sequential,
} from '../src/index'

interface FixtureTensor {
  shape: number[]
  data: number[]
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/small-cnn.json', import.meta.url), 'utf8'),
) as { stateDict: [string, number[]][]; input: FixtureTensor; logits: FixtureTensor }

/** The model of fixtures/small-cnn.py, written with Knack's layers under the same names. */
class SmallCnn extends Module<[Tensor], Tensor> {
  features = new Sequential(
    new Conv2d(1, 6, 3, { padding: 1 }),
    new ReLU(),
    new MaxPool2d(2),
    new Conv2d(6, 8, 3),
    new ReLU(),
    new AvgPool2d(2, { stride: 1 }),
  )
  pool = new AdaptiveAvgPool2d([3, 3])
  flatten = new Flatten()
  classifier = new Sequential(new Linear(72, 16), new ReLU(), new Linear(16, 10))

  forward(x: Tensor): Tensor {
    return this.classifier.forward(
      this.flatten.forward(this.pool.forward(this.features.forward(x))),
    )
  }
}

describe('a PyTorch state_dict saved as safetensors', () => {
  const bytes = new Uint8Array(
    readFileSync(new URL('../fixtures/small-cnn.safetensors', import.meta.url)),
  )

  it('has the names and shapes of the equivalent Knack model, in the same order', () => {
    const state = new SmallCnn().stateDict()
    expect(Object.entries(state).map(([name, t]) => [name, [...t.shape]])).toEqual(
      fixture.stateDict,
    )
  })

  it('loads strictly and gives the same logits to 1e-5', () => {
    const { tensors, metadata } = decodeSafetensors(bytes)
    expect(metadata).toEqual({ format: 'pt' })
    const model = new SmallCnn().eval()
    expect(model.loadStateDict(tensors)).toEqual({ missingKeys: [], unexpectedKeys: [] })
    const x = new Tensor(Float32Array.from(fixture.input.data), fixture.input.shape)
    const logits = noGrad(() => model.forward(x))
    expect(logits.shape).toEqual(fixture.logits.shape)
    const bad = fixture.logits.data.filter(
      (b, i) => !(Math.abs(logits.data[i]! - b) <= 1e-5 + 1e-5 * Math.abs(b)),
    )
    expect(bad).toEqual([])
  })

  it('gives different logits before loading (the comparison is not vacuous)', () => {
    const x = new Tensor(Float32Array.from(fixture.input.data), fixture.input.shape)
    const logits = noGrad(() => new SmallCnn().forward(x))
    const far = fixture.logits.data.some((b, i) => Math.abs(logits.data[i]! - b) > 1e-3)
    expect(far).toBe(true)
  })
})
