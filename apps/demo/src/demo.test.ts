import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mnist } from '@knack/data'
import { describe, expect, it } from 'vitest'
import { formatAblation } from './ablate'
import { runDemo } from './run'
import { ALL_TRICKS, without } from './tricks'

describe('demo run', () => {
  it('trains the CNN with every trick on real digits and leaves checkpoints and metrics', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'knack-demo-'))
    try {
      const data = await mnist({ validation: 1000 })
      const result = await runDemo(
        { tricks: ALL_TRICKS, epochs: 2, seed: 1, width: 8, runDir, stream: null, limit: 2000 },
        data,
      )
      // 2,000 digits, 2 epochs of a width-8 CNN with augmentation: far above chance (0.1), not converged.
      expect(result.testAccuracy).toBeGreaterThan(0.8)
      expect(result.history).toHaveLength(2)
      const files = await readdir(runDir)
      expect(files).toEqual(expect.arrayContaining(['checkpoints', 'metrics.csv', 'metrics.jsonl']))
      expect(await readdir(join(runDir, 'checkpoints'))).toEqual(
        expect.arrayContaining(['latest.json', 'epoch-0002']),
      )
    } finally {
      await rm(runDir, { recursive: true, force: true })
    }
  })

  it('formats the ablation table', () => {
    const result = {
      testAccuracy: 0.98123,
      testLoss: 0.06,
      bestEpoch: 5,
      epochsRun: 6,
      seconds: 101.4,
      history: [],
      runDir: '',
    }
    const table = formatAblation([
      { variant: 'all tricks', result },
      { variant: 'without polyak', result: { ...result, testAccuracy: 0.975 } },
    ]).split('\n')
    expect(table[0]).toMatch(/^variant\s+test acc\s+best epoch\s+epochs\s+time$/)
    expect(table[2]).toMatch(/^all tricks\s+98\.12%\s+5\s+6\s+101s$/)
    expect(table[3]).toMatch(/97\.50%/)
    expect(without('polyak').polyak).toBe(false)
  })
})
