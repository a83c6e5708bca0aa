import type { Plugin, TrainContext } from '@knack/core'

/** Where progress is written: `process.stdout` or anything with `write` (and `isTTY`). */
export interface ProgressStream {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

/** Options of {@link progress}. */
export interface ProgressOptions {
  stream?: ProgressStream
  /** Seconds between plain lines when the stream is not a terminal (default 10). */
  interval?: number
  /** Clock in milliseconds (for tests; default `performance.now`). */
  now?: () => number
  name?: string
}

const formatDuration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '?'
  const s = Math.round(seconds)
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`
}

const formatNumber = (x: number): string =>
  Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(4) : x.toExponential(2)

/**
 * Shows training progress: epoch, step, running loss and accuracy, learning rate, samples/s
 * and the epoch's ETA. On a terminal it redraws one bar line; otherwise it writes a plain line
 * every `interval` seconds and a summary line per epoch.
 */
export function progress(options: ProgressOptions = {}): Plugin {
  const stream = options.stream ?? (process.stdout as ProgressStream)
  const interval = (options.interval ?? 10) * 1000
  const now = options.now ?? (() => performance.now())
  const tty = stream.isTTY === true
  const name = options.name ?? 'progress'
  let epochStart = 0
  let lastLine = 0
  let samples = 0
  let lossSum = 0
  let correct = 0

  const status = (ctx: TrainContext): string => {
    const elapsed = (now() - epochStart) / 1000
    const done = ctx.batchIndex + 1
    const total = ctx.batchesPerEpoch
    const rate = samples / Math.max(elapsed, 1e-9)
    const eta = total ? (elapsed / done) * (total - done) : Number.NaN
    const parts = [
      `epoch ${ctx.epoch + 1}/${ctx.maxEpochs}`,
      `step ${ctx.step}`,
      `loss ${formatNumber(lossSum / Math.max(samples, 1))}`,
      `acc ${(correct / Math.max(samples, 1)).toFixed(4)}`,
    ]
    const lr = ctx.optimizer.hyper.lr
    if (lr !== undefined) parts.push(`lr ${formatNumber(lr)}`)
    parts.push(`${rate.toFixed(0)} samples/s`, `ETA ${formatDuration(eta)}`)
    if (!tty || !total) return parts.join(' · ')
    const width = 20
    const filled = Math.round((done / total) * width)
    return `[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${parts.join(' · ')}`
  }

  return {
    name,
    stateKey: name,
    phase: 'metrics',
    priority: 100,
    epochStart() {
      epochStart = now()
      lastLine = epochStart
      samples = 0
      lossSum = 0
      correct = 0
    },
    afterBackward(ctx) {
      const batch = ctx.batch
      const outputs = ctx.outputs
      if (!batch || !ctx.loss || !outputs) return
      const rows = batch.targets.shape[0] ?? 1
      samples += rows
      lossSum += ctx.loss.item() * rows
      if (outputs.ndim === 2 && batch.targets.dtype === 'int32') {
        const classes = outputs.shape[1]!
        for (let r = 0; r < rows; r++) {
          let best = 0
          for (let c = 1; c < classes; c++) {
            if (outputs.data[r * classes + c]! > outputs.data[r * classes + best]!) best = c
          }
          if (best === batch.targets.data[r]) correct++
        }
      }
    },
    batchEnd(ctx) {
      const t = now()
      if (tty) {
        if (t - lastLine < 100) return
        lastLine = t
        const line = status(ctx)
        const columns = stream.columns ?? 120
        stream.write(
          `\r${line.slice(0, columns - 1).padEnd(Math.min(columns - 1, line.length))}\x1b[K`,
        )
      } else if (t - lastLine >= interval) {
        lastLine = t
        stream.write(`${status(ctx)}\n`)
      }
    },
    epochEnd(ctx) {
      const seconds = (now() - epochStart) / 1000
      const logs = Object.entries(ctx.logs)
        .map(([k, v]) => `${k} ${formatNumber(v)}`)
        .join(' · ')
      stream.write(
        `${tty ? '\r\x1b[K' : ''}epoch ${ctx.epoch + 1}/${ctx.maxEpochs} done in ${formatDuration(seconds)} · ${logs}\n`,
      )
    },
  }
}
