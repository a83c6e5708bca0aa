import type { BenchData } from './bench-data'
import { knackStepRunner, useKnackBackend } from './knack-runner'
import type { BenchSpec } from './spec'
import { trainPlan } from './spec'

/** Process memory at one point of the run, in MiB. */
export interface MemorySample {
  step: number
  /** V8 heap in use. */
  heapUsed: number
  /** `ArrayBuffer` backing stores: tensor storage lives here. */
  arrayBuffers: number
  /** All memory outside the V8 heap (`arrayBuffers` included). */
  external: number
  rss: number
}

/** What the memory run reports (one JSON line). */
export interface MemoryResult {
  framework: string
  backend: string
  workload: string
  steps: number
  /** After the first step, at the middle and at the end. */
  samples: MemorySample[]
  /** Whether `global.gc()` ran before each sample (node --expose-gc). */
  gc_forced: boolean
  notes: string
}

const MiB = 1024 * 1024

function sample(step: number): MemorySample {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const m = process.memoryUsage()
  const round = (bytes: number) => Math.round((bytes / MiB) * 10) / 10
  return {
    step,
    heapUsed: round(m.heapUsed),
    arrayBuffers: round(m.arrayBuffers),
    external: round(m.external),
    rss: round(m.rss),
  }
}

/** The workload the memory check trains unless told otherwise: W4's MLP, Adam, batch 8. */
export const DEFAULT_MEMORY_WORKLOAD = 'W4_mlp_b8'

/**
 * Trains a training workload's model and optimizer for `steps` steps with Knack on `backend`,
 * cycling through the training rows, with no disposal calls of any kind, and samples the
 * process memory after the first step, at the middle and at the end.
 */
export async function runKnackMemory(
  spec: BenchSpec,
  data: BenchData,
  backend: string,
  steps = 10_000,
  workload = DEFAULT_MEMORY_WORKLOAD,
): Promise<MemoryResult> {
  await useKnackBackend(backend)
  const plan = trainPlan(spec, workload)
  const runner = knackStepRunner(spec, plan, data)
  const samples: MemorySample[] = []
  const checkpoints = new Set([1, Math.floor(steps / 2), steps])
  for (let s = 0; s < steps; s++) {
    runner.step((s % plan.stepsPerEpoch) * plan.batch, false)
    if (checkpoints.has(s + 1)) samples.push(sample(s + 1))
  }
  return {
    framework: 'knack',
    backend,
    workload: `memory_${plan.workload}_${steps}_steps`,
    steps,
    samples,
    gc_forced: typeof (globalThis as { gc?: unknown }).gc === 'function',
    notes: `Node ${process.version}; MiB from process.memoryUsage()`,
  }
}

/** The memory runs as a Markdown table: heap, external and RSS at each sample. */
export function formatMemoryTable(results: readonly MemoryResult[]): string {
  const lines = [
    '| framework | steps | sample after step | heapUsed MiB | arrayBuffers MiB | external MiB | rss MiB |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const r of results) {
    for (const s of r.samples) {
      lines.push(
        `| ${r.framework}-${r.backend} | ${r.steps} | ${s.step} | ${s.heapUsed} | ${s.arrayBuffers} | ${s.external} | ${s.rss} |`,
      )
    }
  }
  return lines.join('\n')
}
