import { Generator, permutation, Tensor } from '@knack/core'
import { blobs } from '@knack/data'
import { createOptimizer, sgd } from '@knack/optim'
import { describe, expect, it } from 'vitest'
import { parameterValues, TinyMlp } from '../testing/tiny-model'
import { checkInitialLoss } from './check-initial-loss'
import { overfitSmallSample } from './overfit-small-sample'
import { search } from './search'
import { choiceParam, logUniformParam, uniformParam } from './search-space'

const sample = blobs({ centers: 4, pointsPerCenter: 5, dim: 2, std: 0.3, seed: 2 })
const batch = { inputs: sample.inputs, targets: sample.targets }

describe('checkInitialLoss', () => {
  it('passes a sensibly initialised classifier (loss ≈ ln C)', () => {
    const report = checkInitialLoss(new TinyMlp(2, 16, 4), {
      inputs: batch.inputs.mul(0.1),
      targets: batch.targets,
    })
    expect(report.expected).toBeCloseTo(Math.log(4), 10)
    expect(report.ok).toBe(true)
  })

  it('catches exploding initial logits', () => {
    const model = new TinyMlp(2, 16, 4)
    for (const p of model.parameters()) p.data.set(p.data.map((v) => v * 30))
    const report = checkInitialLoss(model, batch)
    expect(report.ok).toBe(false)
    expect(report.message).toMatch(/too large/)
  })
})

describe('overfitSmallSample', () => {
  it('memorizes a tiny sample with a sane learning rate and restores the model', () => {
    const model = new TinyMlp(2, 32, 4)
    const before = parameterValues(model)
    const report = overfitSmallSample({
      model,
      optimizer: createOptimizer(model, sgd({ lr: 0.5, momentum: 0.9 })),
      batch,
    })
    expect(report.verdict).toBe('memorized')
    expect(parameterValues(model)).toEqual(before)
  })

  it('reports divergence at a learning rate of 10', () => {
    const model = new TinyMlp(2, 32, 4)
    const report = overfitSmallSample({
      model,
      optimizer: createOptimizer(model, sgd({ lr: 10, momentum: 0.9 }), { checkFinite: false }),
      batch,
    })
    expect(report.reached).toBe(false)
    expect(report.verdict).toBe('diverged')
    expect(report.message).toMatch(/lower the learning rate/)
  })

  it('reports a stall when the targets do not belong to their inputs', () => {
    // The bug: labels shuffled with their own generator, independently of the inputs.
    const labelOrder = new Generator(7)
    const shuffled = () => {
      const order = permutation(batch.targets.size, labelOrder)
      const labels = Int32Array.from(order, (j) => batch.targets.data[j]!)
      return { inputs: batch.inputs, targets: new Tensor(labels, batch.targets.shape) }
    }
    const model = new TinyMlp(2, 32, 4)
    const report = overfitSmallSample({
      model,
      optimizer: createOptimizer(model, sgd({ lr: 0.5, momentum: 0.9 })),
      batch: shuffled,
      steps: 150,
    })
    expect(report.verdict).toBe('stalled')
    expect(report.message).toMatch(/targets belong to their inputs/)
  })
})

describe('search', () => {
  it('finds the optimum of a known objective coarse-to-fine and ranks the trials', async () => {
    const result = await search({
      space: {
        lr: logUniformParam(1e-5, 1),
        dropout: uniformParam(0, 0.5),
        arch: choiceParam(['a', 'b']),
      },
      trial: ({ lr, dropout, arch }) =>
        -((Math.log10(lr as number) + 2.5) ** 2) -
        ((dropout as number) - 0.2) ** 2 -
        (arch === 'b' ? 0 : 1),
      coarse: { trials: 30, seed: 1 },
      refine: { points: 5, shrink: 0.2 },
    })
    expect(result.ranked).toHaveLength(30 + 25)
    expect(result.best.params.arch).toBe('b')
    expect(Math.log10(result.best.params.lr as number)).toBeCloseTo(-2.5, 0)
    expect(result.ranked[0]!.score).toBeGreaterThanOrEqual(result.ranked[1]!.score)
    expect(result.best.stage).toBe('refine')
    expect(result.table().split('\n')[0]).toMatch(/rank\s+lr\s+dropout\s+arch\s+score\s+stage/)
  })

  it('grid coarse stage visits every combination', async () => {
    const seen: string[] = []
    await search({
      space: { a: uniformParam(0, 1), b: choiceParam([1, 2]) },
      trial: (p) => {
        seen.push(`${p.a},${p.b}`)
        return 0
      },
      coarse: { method: 'grid', points: 3 },
      refine: false,
    })
    expect(seen).toEqual(['0,1', '0,2', '0.5,1', '0.5,2', '1,1', '1,2'])
  })
})
