import { readFileSync } from 'node:fs'
import { type Module, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import {
  AdaptiveAvgPool2d,
  AvgPool2d,
  BasicBlock,
  BCEWithLogitsLoss,
  Conv2d,
  CrossEntropyLoss,
  ELU,
  Flatten,
  GELU,
  HuberLoss,
  Identity,
  L1Loss,
  LeakyReLU,
  Linear,
  MaxPool2d,
  MSELoss,
  MultiMarginLoss,
  NLLLoss,
  PReLU,
  ReLU,
  Residual,
  SELU,
  Sequential,
  Sigmoid,
  SiLU,
  Softplus,
  Tanh,
} from './index'

interface FixtureTensor {
  shape: number[]
  data: number[]
  dtype?: 'int32'
}

/** One case written by fixtures/layers.py. */
interface FixtureCase {
  name: string
  module: string
  args: unknown[]
  state: Record<string, FixtureTensor>
  inputs: FixtureTensor[]
  weight: number[]
  output: FixtureTensor
  grads: (number[] | null)[]
  paramGrads: Record<string, number[]>
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/layers.json', import.meta.url), 'utf8'),
) as { cases: FixtureCase[] }

function decode(t: FixtureTensor, requiresGrad = false): Tensor {
  const data = t.dtype === 'int32' ? Int32Array.from(t.data) : Float32Array.from(t.data)
  return new Tensor(data, t.shape, requiresGrad)
}

// biome-ignore lint/suspicious/noExplicitAny: the constructor arguments come from JSON as written by layers.py
type Build = (args: any[], state: Record<string, Tensor>) => Module

/** How to build, in Knack, the module each case ran in PyTorch. */
const builders: Record<string, Build> = {
  Linear: (a) => new Linear(a[0], a[1], a[2]),
  Conv2d: (a) => new Conv2d(a[0], a[1], a[2], a[3]),
  MaxPool2d: (a) => new MaxPool2d(a[0], a[1]),
  AvgPool2d: (a) => new AvgPool2d(a[0], a[1]),
  AdaptiveAvgPool2d: (a) => new AdaptiveAvgPool2d(a[0]),
  Flatten: (a) => new Flatten(a[0], a[1]),
  Identity: () => new Identity(),
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  ReLU: () => new ReLU(),
  LeakyReLU: (a) => new LeakyReLU(a[0]),
  ELU: (a) => new ELU(a[0]),
  SELU: () => new SELU(),
  GELU: (a) => new GELU(a[0]),
  SiLU: () => new SiLU(),
  Softplus: (a) => new Softplus(a[0], a[1]),
  PReLU: (a) => new PReLU(a[0]),
  ResidualMlp: () => new Residual(new Sequential(new Linear(4, 6), new ReLU(), new Linear(6, 4))),
  ResidualProjection: () => new Residual(new Linear(4, 3), { projection: new Linear(4, 3) }),
  BasicBlock: (a) => new BasicBlock(a[0], a[1], a[2]),
  NamedSequential: () =>
    new Sequential({
      conv: new Conv2d(2, 3, 3),
      act: new ReLU(),
      pool: new MaxPool2d(2),
      flat: new Flatten(),
    }),
  CrossEntropyLoss: (a, s) => new CrossEntropyLoss({ ...a[0], weight: s.weight }),
  NLLLoss: (a, s) => new NLLLoss({ ...a[0], weight: s.weight }),
  MSELoss: (a) => new MSELoss(a[0]),
  L1Loss: (a) => new L1Loss(a[0]),
  HuberLoss: (a) => new HuberLoss(a[0]),
  BCEWithLogitsLoss: (a, s) =>
    new BCEWithLogitsLoss({ ...a[0], weight: s.weight, posWeight: s.pos_weight }),
  MultiMarginLoss: (a, s) => new MultiMarginLoss({ ...a[0], weight: s.weight }),
}

/** Entries where `actual` misses `expected` by more than 1e-5 + 1e-5·|expected|. */
function mismatches(actual: ArrayLike<number>, expected: number[]): string[] {
  const bad: string[] = []
  if (actual.length !== expected.length) return [`length ${actual.length} vs ${expected.length}`]
  expected.forEach((b, i) => {
    const a = actual[i]!
    if (!(Math.abs(a - b) <= 1e-5 + 1e-5 * Math.abs(b))) bad.push(`[${i}] ${a} vs ${b}`)
  })
  return bad
}

describe('layers, activation modules and losses match PyTorch 1.13 (float32)', () => {
  it('covers every module of the fixture', () => {
    expect(fixture.cases.length).toBeGreaterThan(40)
    for (const c of fixture.cases) expect(builders[c.module], c.module).toBeDefined()
  })

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const state = Object.fromEntries(Object.entries(c.state).map(([name, t]) => [name, decode(t)]))
    const module = builders[c.module]!(c.args, state)
    // A strict load: the PyTorch state-dict names and shapes are exactly Knack's.
    expect(module.loadStateDict(state)).toEqual({ missingKeys: [], unexpectedKeys: [] })
    const inputs = c.inputs.map((t, i) => decode(t, c.grads[i] !== null))
    const out = module.forward(...inputs) as Tensor
    expect(out.shape).toEqual(c.output.shape)
    expect(mismatches(out.data, c.output.data)).toEqual([])
    out.backward(new Tensor(Float32Array.from(c.weight), out.shape))
    c.grads.forEach((grad, i) => {
      if (grad !== null) expect(mismatches(inputs[i]!.grad!.data, grad), `input ${i}`).toEqual([])
    })
    const params = new Map(module.namedParameters())
    expect([...params.keys()].sort()).toEqual(Object.keys(c.paramGrads).sort())
    for (const [name, grad] of Object.entries(c.paramGrads)) {
      expect(mismatches(params.get(name)!.grad!.data, grad), name).toEqual([])
    }
  })
})
