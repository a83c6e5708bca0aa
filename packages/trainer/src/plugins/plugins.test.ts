import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Plugin } from '@knack/core'
import { blobs, DataLoader } from '@knack/data'
import { createOptimizer, sgd } from '@knack/optim'
import { describe, expect, it } from 'vitest'
import { parameterValues, TinyMlp } from '../testing/tiny-model'
import { Trainer } from '../trainer'
import { gradientClipping } from './gradient-clipping'
import { logger } from './logger'
import { nanGuard } from './nan-guard'
import { progress } from './progress'

function setup(plugins: Plugin[], lr = 0.1) {
  const data = blobs({ centers: 3, pointsPerCenter: 8, dim: 2, std: 0.5, seed: 1 })
  const model = new TinyMlp(2, 8, 3)
  const optimizer = createOptimizer(model, sgd({ lr }), { checkFinite: false })
  return {
    model,
    data,
    trainer: new Trainer({ model, optimizer, plugins }),
    loader: new DataLoader(data, { batchSize: 12 }),
  }
}

describe('gradientClipping', () => {
  it('clips the global norm before the step and logs the pre-clip norm', async () => {
    const norms: number[] = []
    const probe: Plugin = {
      name: 'probe',
      stateKey: 'probe',
      after: ['gradientClipping'],
      beforeOptimizerStep(ctx) {
        let sq = 0
        for (const p of ctx.model.parameters()) for (const g of p.grad!.data) sq += g * g
        norms.push(Math.sqrt(sq))
      },
    }
    const { trainer, loader } = setup([probe, gradientClipping({ maxNorm: 0.01 })])
    const { history } = await trainer.fit(loader, { epochs: 1 })
    for (const n of norms) expect(n).toBeLessThanOrEqual(0.01 * (1 + 1e-5))
    expect(history[0]!.grad_norm).toBeGreaterThan(0.01)
  })

  it('clips by value', async () => {
    let maxAbs = 0
    const probe: Plugin = {
      name: 'probe',
      stateKey: 'probe',
      phase: 'metrics',
      beforeOptimizerStep(ctx) {
        for (const p of ctx.model.parameters())
          for (const g of p.grad!.data) maxAbs = Math.max(maxAbs, Math.abs(g))
      },
    }
    const { trainer, loader } = setup([gradientClipping({ maxValue: 1e-3 }), probe])
    await trainer.fit(loader, { epochs: 1 })
    expect(maxAbs).toBeCloseTo(1e-3, 8)
  })
})

describe('nanGuard', () => {
  it('skips steps with non-finite gradients naming the parameter, then stops after N in a row', async () => {
    const poison: Plugin = {
      name: 'poison',
      stateKey: 'poison',
      afterBackward(ctx) {
        ctx.model.parameters()[2]!.grad!.data[1] = Number.NaN
      },
    }
    let reason = ''
    const spy: Plugin = {
      name: 'spy',
      stateKey: 'spy',
      phase: 'metrics',
      batchEnd: (ctx) => void (reason ||= ctx.control.reasons.skipStep[0] ?? ''),
    }
    const { trainer, loader, model } = setup([poison, nanGuard({ maxConsecutive: 3 }), spy])
    const before = parameterValues(model)
    const result = await trainer.fit(loader, { epochs: 5 })
    expect(reason).toMatch(/non-finite gradient NaN in w2 \(element 1\)/)
    expect(result.stopReason).toMatch(/3 updates in a row were skipped/)
    expect(result.steps).toBe(0)
    expect(parameterValues(model)).toEqual(before)
  })

  it('skips a batch whose loss is not finite and resets the count after a good step', async () => {
    let calls = 0
    const { model, data } = setup([])
    const optimizer = createOptimizer(model, sgd({ lr: 0.1 }))
    const trainer = new Trainer({
      model,
      optimizer,
      loss: (o, _targets) => {
        calls++
        const ce = o.logSoftmax().mul(-1).mean()
        return calls % 2 === 1 ? ce.add(Number.POSITIVE_INFINITY) : ce
      },
      plugins: [nanGuard({ maxConsecutive: 2 })],
    })
    const result = await trainer.fit(new DataLoader(data, { batchSize: 6 }), { epochs: 2 })
    expect(result.stopReason).toBeNull()
    expect(result.steps).toBe(4)
    expect(result.history.map((h) => h.skipped_steps)).toEqual([2, 2])
  })
})

describe('progress', () => {
  it('writes plain periodic lines and epoch summaries when not a terminal', async () => {
    let clock = 0
    const out: string[] = []
    const tick: Plugin = { name: 'tick', stateKey: 'tick', batchStart: () => void (clock += 6000) }
    const { trainer, loader } = setup([
      tick,
      progress({ stream: { write: (s) => out.push(s) }, interval: 10, now: () => clock }),
    ])
    await trainer.fit(loader, { epochs: 1 })
    expect(out).toHaveLength(2)
    expect(out[0]).toMatch(
      /^epoch 1\/1 · step 2 · loss \d\.\d{4} · acc \d\.\d{4} · lr 0\.1000 · \d+ samples\/s · ETA 0s\n$/,
    )
    expect(out[1]).toMatch(/^epoch 1\/1 done in 12s · loss .* accuracy .* lr 0\.1000\n$/)
  })

  it('redraws a bar in place on a terminal', async () => {
    let clock = 0
    const out: string[] = []
    const tick: Plugin = { name: 'tick', stateKey: 'tick', batchStart: () => void (clock += 500) }
    const { trainer, loader } = setup([
      tick,
      progress({
        stream: { write: (s) => out.push(s), isTTY: true, columns: 200 },
        now: () => clock,
      }),
    ])
    await trainer.fit(loader, { epochs: 1 })
    expect(out[0]).toMatch(/^\r\[={10} {10}\] 1\/2 epoch 1\/1/)
    expect(out[1]).toMatch(/^\r\[={20}\] 2\/2/)
  })
})

describe('logger', () => {
  it('writes metrics as JSONL and CSV', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'knack-log-'))
    try {
      const { trainer, loader } = setup([logger({ dir })])
      await trainer.fit(loader, { epochs: 2 })
      const lines = (await readFile(join(dir, 'metrics.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
      expect(lines.map((l) => [l.epoch, l.step])).toEqual([
        [0, 2],
        [1, 4],
      ])
      const csv = (await readFile(join(dir, 'metrics.csv'), 'utf8')).trim().split('\n')
      expect(csv[0]).toBe('epoch,step,loss,accuracy,lr')
      expect(csv).toHaveLength(3)
      expect(Number(csv[2]!.split(',')[2])).toBeCloseTo(lines[1].loss, 12)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
