import { appendFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Plugin } from '@knack/core'

/** Options of {@link logger}. */
export interface LoggerOptions {
  /** Directory receiving `metrics.jsonl` and `metrics.csv`. */
  dir: string
  name?: string
}

const csvCell = (x: number | undefined) => (x === undefined ? '' : String(x))

/**
 * Writes each epoch's logs to `dir/metrics.jsonl` (one JSON object per epoch, appended as it
 * ends) and rewrites `dir/metrics.csv` (a header with every key seen so far, one row per epoch).
 */
export function logger(options: LoggerOptions): Plugin {
  const { dir, name = 'logger' } = options
  const rows: Record<string, number>[] = []
  return {
    name,
    stateKey: name,
    phase: 'checkpoint',
    priority: -10,
    async fitStart(ctx) {
      await mkdir(dir, { recursive: true })
      rows.length = 0
      rows.push(...ctx.history.map((h, epoch) => ({ epoch, ...h })))
      if (rows.length === 0) await writeFile(join(dir, 'metrics.jsonl'), '')
    },
    async epochEnd(ctx) {
      const row = { epoch: ctx.epoch, step: ctx.step, ...ctx.logs }
      rows.push(row)
      await appendFile(join(dir, 'metrics.jsonl'), `${JSON.stringify(row)}\n`)
      const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))]
      const csv = [keys.join(','), ...rows.map((r) => keys.map((k) => csvCell(r[k])).join(','))]
      await writeFile(join(dir, 'metrics.csv'), `${csv.join('\n')}\n`)
    },
  }
}
