import {
  ArgumentError,
  crossEntropy,
  Generator,
  type Module,
  noGrad,
  randn,
  Tensor,
} from '@knack/core'
import { Linear, ReLU, Sequential } from '@knack/nn'
import { createOptimizer, sgd } from '@knack/optim'
import { Trainer } from '@knack/trainer'
import { describe, expect, it } from 'vitest'
import { fakeContext } from '../../test/fake-context'
import { penalty } from './penalty'
import { weightPenalty } from './weight-penalty'

function mlp(seed: number): Sequential {
  const g = new Generator(seed)
  return new Sequential(
    new Linear(3, 8, { generator: g }),
    new ReLU(),
    new Linear(8, 2, { generator: g }),
  )
}

describe('weightPenalty', () => {
  it('adds the penalty to ctx.loss in afterLoss, with its gradient, and logs the epoch mean', () => {
    const model = mlp(1)
    const plugin = weightPenalty({ l1: 0.01, l2: 0.1 })
    const ctx = fakeContext(model)
    plugin.epochStart!(ctx)
    const expected = noGrad(() => penalty(model, { l1: 0.01, l2: 0.1 })).item()
    const base = new Tensor(Float32Array.of(0.5), [], true)
    ctx.loss = base
    plugin.afterLoss!(ctx)
    expect(ctx.loss.item()).toBeCloseTo(0.5 + expected, 6)
    expect(ctx.logs.penalty).toBeCloseTo(expected, 6)
    ctx.loss.backward()
    expect(base.grad!.item()).toBe(1)
    const w = model.namedParameters().find(([n]) => n === '0.weight')![1]
    expect(w.grad!.data[0]).toBeCloseTo(0.01 * Math.sign(w.data[0]!) + 0.2 * w.data[0]!, 6)
    // A second batch with smaller weights: the log is the mean of both penalties.
    for (const p of model.parameters()) p.data.set(p.data.map((v) => v / 2))
    const second = noGrad(() => penalty(model, { l1: 0.01, l2: 0.1 })).item()
    ctx.loss = new Tensor(Float32Array.of(0), [])
    plugin.afterLoss!(ctx)
    expect(ctx.logs.penalty).toBeCloseTo((expected + second) / 2, 6)
  })

  it('leaves a skipped batch (no loss) alone', () => {
    const ctx = fakeContext(mlp(2))
    const plugin = weightPenalty({ l2: 1, name: 'l2' })
    plugin.afterLoss!(ctx)
    expect(ctx.loss).toBeNull()
    expect(ctx.logs).toEqual({})
    expect(plugin.name).toBe('l2')
    expect(plugin.stateKey).toBe('l2')
  })

  it('runs in the Trainer: the logged loss includes the logged penalty', async () => {
    const g = new Generator(3)
    const inputs = randn([16, 3], { generator: g })
    const targets = new Tensor(
      Int32Array.from({ length: 16 }, (_, i) => i % 2),
      [16],
    )
    const data = [{ inputs, targets }]
    const model = mlp(4)
    const dataLoss = noGrad(() => crossEntropy(model.forward(inputs), targets)).item()
    const expected = noGrad(() => penalty(model, { l2: 0.05 })).item()
    const trainer = new Trainer({
      model,
      optimizer: createOptimizer(model, sgd({ lr: 0 })),
      plugins: [weightPenalty({ l2: 0.05 })],
    })
    const { history } = await trainer.fit(data, { epochs: 1 })
    expect(history[0]!.penalty).toBeCloseTo(expected, 6)
    expect(history[0]!.loss).toBeCloseTo(dataLoss + expected, 5)
  })

  it('refuses bad strengths when created', () => {
    expect(() => weightPenalty({ l2: -0.1 })).toThrow(ArgumentError)
    expect(() => weightPenalty({ l1: Number.NaN })).toThrow(/^weightPenalty: l1 must be a finite/)
  })

  it('shrinks the weights: SGD with the L2 plugin equals SGD with weight decay 2λ', async () => {
    const g = new Generator(5)
    const inputs = randn([8, 3], { generator: g })
    const targets = new Tensor(
      Int32Array.from({ length: 8 }, (_, i) => i % 2),
      [8],
    )
    const run = async (withPlugin: boolean): Promise<Module> => {
      const model = new Sequential(new Linear(3, 2, { bias: false, generator: new Generator(6) }))
      const trainer = new Trainer({
        model,
        optimizer: createOptimizer(model, sgd({ lr: 0.1, weightDecay: withPlugin ? 0 : 0.2 })),
        plugins: withPlugin ? [weightPenalty({ l2: 0.1 })] : [],
      })
      await trainer.fit([{ inputs, targets }], { epochs: 3 })
      return model
    }
    const a = (await run(true)).parameters()[0]!.data
    const b = (await run(false)).parameters()[0]!.data
    a.forEach((v, i) => {
      expect(v).toBeCloseTo(b[i]!, 6)
    })
  })
})
