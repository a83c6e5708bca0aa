import {
  ArgumentError,
  type Batch,
  crossEntropy,
  Generator,
  linear,
  Module,
  normal,
  Parameter,
  relu,
  sqrt,
  Tensor,
} from '@knack/core'
import { createOptimizer, sgd } from '@knack/optim'
import { describe, expect, it } from 'vitest'
import { findLearningRate } from './find-learning-rate'

/** A two-layer perceptron `x → relu(x·W1ᵀ + b1)·W2ᵀ + b2`. */
class Mlp extends Module<[Tensor], Tensor> {
  w1: Parameter
  b1: Parameter
  w2: Parameter
  b2: Parameter
  constructor(inF: number, hidden: number, outF: number, g: Generator) {
    super()
    const init = (shape: number[], fanIn: number) =>
      new Parameter(
        new Tensor(
          Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () =>
            normal(0, 1 / Math.sqrt(fanIn), g),
          ),
          shape,
        ),
      )
    this.w1 = init([hidden, inF], inF)
    this.b1 = init([hidden], inF)
    this.w2 = init([outF, hidden], hidden)
    this.b2 = init([outF], hidden)
  }
  forward(x: Tensor): Tensor {
    return linear(relu(linear(x, this.w1, this.b1)), this.w2, this.b2)
  }
}

/** Three Gaussian blobs in 2-D, one class each, as mini-batches of 30. */
function blobBatches(g: Generator): Batch[] {
  const centers = [
    [-3, 0],
    [3, 1],
    [0, 4],
  ]
  const n = 300
  const x = new Float32Array(n * 2)
  const y = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = i % 3
    y[i] = c
    x[2 * i] = centers[c]![0]! + normal(0, 1, g)
    x[2 * i + 1] = centers[c]![1]! + normal(0, 1, g)
  }
  const batches: Batch[] = []
  for (let s = 0; s < n; s += 30) {
    batches.push({
      inputs: new Tensor(x.slice(2 * s, 2 * (s + 30)), [30, 2]),
      targets: new Tensor(y.slice(s, s + 30), [30]),
    })
  }
  return batches
}

/** Trains `model` in place for `epochs` epochs of SGD at `lr`; returns the last epoch's mean loss. */
function train(model: Mlp, batches: Batch[], lr: number, epochs: number): number {
  // Non-finite gradients are let through so that a diverging run ends with a NaN loss.
  const opt = createOptimizer(model, sgd({ lr }), { checkFinite: false })
  let total = 0
  for (let e = 0; e < epochs; e++) {
    total = 0
    for (const b of batches) {
      opt.zeroGrad()
      const l = crossEntropy(model.forward(b.inputs), b.targets)
      l.backward()
      opt.step()
      total += l.item()
    }
  }
  return total / batches.length
}

function accuracy(model: Mlp, batches: Batch[]): number {
  let right = 0
  let n = 0
  for (const b of batches) {
    const out = model.forward(b.inputs).data
    for (let i = 0; i < b.targets.size; i++) {
      const row = out.subarray(3 * i, 3 * i + 3)
      const pred = row.indexOf(Math.max(...row))
      if (pred === b.targets.data[i]) right++
      n++
    }
  }
  return right / n
}

describe('findLearningRate', () => {
  const batches = blobBatches(new Generator(101))

  it.each([1, 2, 3])(
    'the default suggestion trains a blob classifier where 100× that rate diverges (init seed %i)',
    (seed) => {
      const model = new Mlp(2, 16, 3, new Generator(seed))
      const initial = model.stateDict()
      const result = findLearningRate({
        model,
        optimizer: createOptimizer(model, sgd({ lr: 0.01 })),
        batches,
        loss: crossEntropy,
      })
      expect(result.lrs.length).toBeGreaterThan(100)
      expect(result.suggestedLr).toBe(result.minimumLr / 10)

      const good = train(model, batches, result.suggestedLr, 20)
      expect(good).toBeLessThan(0.1)
      expect(accuracy(model, batches)).toBeGreaterThan(0.97)

      model.loadStateDict(initial)
      const bad = train(model, batches, 100 * result.suggestedLr, 20)
      // Diverged: NaN, or no better than the untrained model (cross-entropy ≈ ln 3 ≈ 1.1).
      expect(bad).not.toBeLessThan(1)
    },
  )

  it('the steepest-descent suggestion is below the minimum and trains the classifier', () => {
    const model = new Mlp(2, 16, 3, new Generator(1))
    const result = findLearningRate({
      model,
      optimizer: createOptimizer(model, sgd({ lr: 0.01 })),
      batches,
      loss: crossEntropy,
      suggestion: 'steepest',
    })
    expect(result.suggestedLr).toBe(result.steepestLr)
    expect(result.suggestedLr).toBeLessThan(result.minimumLr)
    expect(train(model, batches, result.suggestedLr, 20)).toBeLessThan(0.1)
    expect(accuracy(model, batches)).toBeGreaterThan(0.97)
  })

  it('restores the parameters, train/eval modes and optimizer state afterwards', () => {
    const model = new Mlp(2, 16, 3, new Generator(2))
    model.eval()
    const before = model.stateDict()
    const optimizer = createOptimizer(model, sgd({ lr: 0.05 }))
    findLearningRate({ model, optimizer, batches, loss: crossEntropy, numSteps: 30 })
    const after = model.stateDict()
    for (const name of Object.keys(before)) expect(after[name]!.data).toEqual(before[name]!.data)
    expect(model.training).toBe(false)
    expect(optimizer.hyper.lr).toBe(0.05)
    expect(optimizer.stepCount).toBe(0)
    expect(model.parameters().every((p) => p.grad === null)).toBe(true)
  })

  it('restores them when the loss throws mid-sweep, and rethrows', () => {
    const model = new Mlp(2, 16, 3, new Generator(3))
    const before = model.stateDict()
    const optimizer = createOptimizer(model, sgd({ lr: 0.05 }))
    let calls = 0
    const loss = (out: Tensor, target: Tensor) => {
      if (++calls === 6) throw new Error('boom')
      return crossEntropy(out, target)
    }
    expect(() => findLearningRate({ model, optimizer, batches, loss })).toThrow('boom')
    expect(model.stateDict().w1!.data).toEqual(before.w1!.data)
    expect(optimizer.stepCount).toBe(0)
    expect(optimizer.hyper.lr).toBe(0.05)
  })

  it('sweeps geometrically, stops on divergence and can suggest min/10', () => {
    const model = new Mlp(2, 16, 3, new Generator(4))
    const result = findLearningRate({
      model,
      optimizer: createOptimizer(model, sgd({ lr: 0.01 })),
      batches: (i) => batches[i % batches.length]!,
      loss: crossEntropy,
      startLr: 1e-3,
      endLr: 1e5,
      numSteps: 81,
      suggestion: 'minimum',
    })
    expect(result.diverged).toBe(true)
    expect(result.lrs.length).toBeLessThan(81)
    for (const [i, lr] of result.lrs.entries()) {
      expect(Math.abs(lr / (1e-3 * 10 ** (i / 10)) - 1)).toBeLessThan(1e-12)
    }
    expect(result.suggestedLr).toBe(result.minimumLr / 10)
    const s = result.smoothedLosses
    expect(s[s.length - 1]!).toBeGreaterThan(4 * Math.min(...s))
  })

  it('stops at a non-finite gradient as at a divergence', () => {
    const model = new Mlp(2, 16, 3, new Generator(6))
    let calls = 0
    // At the 8th step the loss stays finite but its gradient is NaN (√0 has an infinite slope).
    const loss = (out: Tensor, target: Tensor) => {
      const l = crossEntropy(out, target)
      return ++calls === 8 ? l.add(sqrt(out.mul(0)).sum()) : l
    }
    const optimizer = createOptimizer(model, sgd({ lr: 0.01 }))
    const result = findLearningRate({ model, optimizer, batches, loss, numSteps: 50 })
    expect(result.diverged).toBe(true)
    expect(result.lrs).toHaveLength(7)
    expect(optimizer.stepCount).toBe(0)
  })

  it('rejects a sweep that does not rise and an empty batch source', () => {
    const model = new Mlp(2, 4, 3, new Generator(5))
    const optimizer = createOptimizer(model, sgd({ lr: 0.01 }))
    const base = { model, optimizer, batches, loss: crossEntropy }
    expect(() => findLearningRate({ ...base, startLr: 1, endLr: 0.1 })).toThrow(ArgumentError)
    expect(() => findLearningRate({ ...base, batches: [] })).toThrow(/batches yielded no batch/)
  })
})
