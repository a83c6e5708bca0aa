import {
  ArgumentError,
  Generator,
  Module,
  mseLoss,
  randn,
  type Tensor,
  zeros as zerosTensor,
} from '@knack/core'
import { Linear, ReLU, Sequential } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import { zeros } from './constant'
import { initialize } from './initialize'
import type { Initializer } from './initializer'
import { kaimingNormal } from './kaiming'
import { normal } from './normal'
import { signalPropagation } from './signal-propagation'

const WIDTH = 128

/** A `depth`-layer MLP: Linear layers of `WIDTH` units with a ReLU after each but the last. */
function mlp(depth: number, weights: Initializer): Sequential {
  const model = new Sequential()
  for (let i = 0; i < depth; i++) {
    model.append(new Linear(WIDTH, WIDTH))
    if (i < depth - 1) model.append(new ReLU())
  }
  initialize(
    model,
    [
      { match: 'weight', init: weights },
      { match: 'bias', init: zeros() },
    ],
    {
      seed: 1,
    },
  )
  return model
}

const batch = randn([64, WIDTH], { generator: new Generator(2) })
const linearStds = (r: ReturnType<typeof signalPropagation>, of: 'activation' | 'gradient') =>
  r.layers.filter((l) => l.type === 'Linear').map((l) => l[of]!.std)

describe('signalPropagation on a 20-layer ReLU MLP', () => {
  it('shows N(0, 1) weights exploding', () => {
    const report = signalPropagation(mlp(20, normal(0, 1)), batch)
    const acts = linearStds(report, 'activation')
    expect(acts).toHaveLength(20)
    expect(acts[19]).toBeGreaterThan(1e15)
    expect(linearStds(report, 'gradient')[0]).toBeGreaterThan(1e15)
    expect(report.layers.at(-1)!.flags).toEqual(['exploding-activations'])
    expect(report.layers[0]!.flags).toContain('exploding-gradients')
  })

  it('shows N(0, 0.01) weights vanishing', () => {
    const report = signalPropagation(mlp(20, normal(0, 0.01)), batch)
    expect(linearStds(report, 'activation')[19]).toBeLessThan(1e-15)
    expect(linearStds(report, 'gradient')[0]).toBeLessThan(1e-15)
    expect(report.layers.at(-1)!.flags).toEqual(['vanishing-activations'])
    expect(report.layers[0]!.flags).toContain('vanishing-gradients')
  })

  it('shows Kaiming (He) weights keeping the std of order 1, forward and backward', () => {
    const report = signalPropagation(mlp(20, kaimingNormal({ nonlinearity: 'relu' })), batch)
    // The first layer sees N(0, 1) inputs rather than ReLU outputs, so its std is about √2;
    // from there He's gain holds it steady, up to the random walk of a width-128 network.
    const acts = linearStds(report, 'activation')
    expect(acts[0]).toBeCloseTo(Math.SQRT2, 0)
    for (const std of acts) {
      expect(std).toBeGreaterThan(0.5)
      expect(std).toBeLessThan(3)
    }
    expect(Math.max(...acts) / Math.min(...acts)).toBeLessThan(2.5)
    for (const std of linearStds(report, 'gradient')) {
      expect(std).toBeGreaterThan(0.5)
      expect(std).toBeLessThan(2)
    }
    expect(report.flagged).toEqual([])
    expect(report.input.std).toBeCloseTo(1, 1)
    expect(report.outputGradient.std).toBeCloseTo(1, 1)
  })
})

describe('signalPropagation', () => {
  it('flags dead ReLU units', () => {
    const model = new Sequential(new Linear(8, 16), new ReLU(), new Linear(16, 2))
    const first = model.at(0) as Linear
    first.bias!.data.fill(-100)
    first.bias!.data[0] = 100
    const report = signalPropagation(model, randn([10, 8], { generator: new Generator(3) }))
    const relu = report.layers[1]!
    expect(relu.deadFraction).toBe(15 / 16)
    expect(relu.flags).toContain('dead-relu')
    expect(report.layers[0]!.deadFraction).toBeNull()
    expect(report.table).toMatch(/1 +ReLU .* 94% +.*dead-relu/)
  })

  it('leaves gradients and buffers as they were, and takes a loss and a layer filter', () => {
    class WithBuffer extends Module<[Tensor], Tensor> {
      fc = new Linear(4, 3)
      declare calls: Tensor
      constructor() {
        super()
        this.registerBuffer('calls', zerosTensor([1]))
      }
      forward(x: Tensor): Tensor {
        this.calls.data[0]! += 1
        return this.fc.forward(x)
      }
    }
    const model = new WithBuffer()
    const x = randn([5, 4], { generator: new Generator(4) })
    const target = randn([5, 3], { generator: new Generator(5) })
    const report = signalPropagation(model, x, {
      loss: (out) => mseLoss(out, target),
      layers: (name) => name === 'fc',
    })
    expect(report.layers.map((l) => l.name)).toEqual(['fc'])
    // d mse / d out = 2(out − target)/n, so the output gradient is what the fc layer receives.
    expect(report.layers[0]!.gradient!.std).toBeCloseTo(report.outputGradient.std, 6)
    expect(model.fc.weight.grad).toBeNull()
    expect(model.calls.data[0]).toBe(0)
  })

  it('explains outputs without a gradient and bad thresholds', () => {
    class Constant extends Module<[Tensor], Tensor> {
      forward(): Tensor {
        return zerosTensor([2])
      }
    }
    const x = randn([2, 3])
    expect(() => signalPropagation(new Constant(), x)).toThrow(ArgumentError)
    expect(() => signalPropagation(new Constant(), x)).toThrow(
      /the model output does not depend on anything that requires a gradient/,
    )
    expect(() => signalPropagation(new Linear(3, 2), x, { vanishing: 10, exploding: 1 })).toThrow(
      'signalPropagation: expected 0 < vanishing < exploding, got vanishing=10, exploding=1',
    )
  })

  it('reports a frozen model through the gradient with respect to its input', () => {
    const model = new Sequential(new Linear(3, 4), new ReLU()).requiresGrad_(false)
    const report = signalPropagation(model, randn([6, 3], { generator: new Generator(6) }))
    expect(report.layers.map((l) => l.gradient !== null)).toEqual([true, true])
    expect(model.parameters().every((p) => p.grad === null)).toBe(true)
  })
})
