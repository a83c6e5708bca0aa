import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  getDefaultGenerator,
  manualSeed,
  normal,
  type Plugin,
  Tensor,
  type TrainingSnapshot,
} from '@knack/core'
import { blobs, DataLoader } from '@knack/data'
import { adam, createOptimizer } from '@knack/optim'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parameterValues, TinyMlp } from '../testing/tiny-model'
import { Trainer } from '../trainer'
import { checkpoint } from './checkpoint-plugin'
import { loadCheckpoint, saveCheckpoint } from './checkpoint-store'

/** A model whose forward draws from the default generator, so RNG state matters on resume. */
class NoisyMlp extends TinyMlp {
  override forward(x: Tensor): Tensor {
    const noise = Float32Array.from({ length: x.size }, () => normal(0, 0.1, getDefaultGenerator()))
    return super.forward(x.add(new Tensor(noise, x.shape)))
  }
}

/** A stateful plugin that counts steps and draws from ctx.generator. */
function counter(): Plugin {
  let steps = 0
  let draws = 0
  return {
    name: 'counter',
    stateKey: 'counter',
    afterOptimizerStep(ctx) {
      steps++
      draws += ctx.generator.nextFloat()
      ctx.logs.draws = draws
    },
    stateDict: () => ({ steps, draws }),
    loadStateDict(state) {
      steps = state.steps as number
      draws = state.draws as number
    },
  }
}

const crashAt = (epoch: number): Plugin => ({
  name: 'crash',
  stateKey: 'crash',
  epochStart(ctx) {
    if (ctx.epoch === epoch) throw new Error('killed')
  },
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'knack-ckpt-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function run(plugins: Plugin[]) {
  manualSeed(11)
  const data = blobs({ centers: 3, pointsPerCenter: 20, dim: 2, seed: 5 })
  const model = new NoisyMlp(2, 8, 3, 1)
  const optimizer = createOptimizer(model, adam({ lr: 0.01 }))
  const trainer = new Trainer({ model, optimizer, plugins: [counter(), ...plugins], seed: 9 })
  const loader = new DataLoader(data, { batchSize: 16, shuffle: true, seed: 2 })
  return { trainer, loader, model, optimizer, validation: new DataLoader(data, { batchSize: 60 }) }
}

describe('checkpoint and resume', () => {
  it('an interrupted and resumed run ends bit-identical to an uninterrupted one', async () => {
    const straight = run([])
    const full = await straight.trainer.fit(straight.loader, {
      epochs: 2,
      validation: straight.validation,
    })

    const first = run([checkpoint({ dir }), crashAt(1)])
    await expect(
      first.trainer.fit(first.loader, { epochs: 2, validation: first.validation }),
    ).rejects.toThrow('killed')

    manualSeed(12345) // the crashed process is gone: nothing of its RNG state survives
    const resumed = run([checkpoint({ dir })])
    const snapshot = await loadCheckpoint(dir)
    expect(snapshot.epoch).toBe(1)
    const rest = await resumed.trainer.fit(resumed.loader, {
      epochs: 2,
      validation: resumed.validation,
      resumeFrom: snapshot,
    })

    expect(parameterValues(resumed.model)).toEqual(parameterValues(straight.model))
    expect(resumed.optimizer.stepCount).toBe(straight.optimizer.stepCount)
    expect(rest.history).toEqual(full.history)
    expect(rest.steps).toBe(full.steps)
  })

  it('keeps the last N periodic checkpoints and the best one', async () => {
    const r = run([
      checkpoint({ dir, keepLast: 2, saveBest: { monitor: 'val_loss', mode: 'min' } }),
    ])
    await r.trainer.fit(r.loader, { epochs: 4, validation: r.validation })
    const folders = (await readdir(dir)).filter((f) => !f.endsWith('.json')).sort()
    expect(folders.filter((f) => f.startsWith('epoch-'))).toEqual(['epoch-0003', 'epoch-0004'])
    expect(folders.filter((f) => f.startsWith('best-'))).toHaveLength(1)
  })

  it('an interrupted write leaves the previous checkpoint readable', async () => {
    const r = run([checkpoint({ dir })])
    await r.trainer.fit(r.loader, { epochs: 1 })
    const good = await loadCheckpoint(dir)
    const broken: TrainingSnapshot = {
      ...good,
      epoch: 2,
      get plugins(): never {
        throw new Error('disk full')
      },
    }
    await expect(saveCheckpoint(dir, 'epoch-0002', broken)).rejects.toThrow('disk full')
    const after = await loadCheckpoint(dir)
    expect(after.epoch).toBe(1)
    expect(Array.from(after.model.w1!.data)).toEqual(Array.from(good.model.w1!.data))
    expect(after.optimizer.step).toBe(good.optimizer.step)
  })

  it('refuses a folder without a complete checkpoint', async () => {
    await expect(loadCheckpoint(join(dir, 'nothing'))).rejects.toThrow(/no complete checkpoint/)
  })
})
