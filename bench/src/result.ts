/**
 * One output line of a runner (`spec.output`): a JSON object per workload, with the metric,
 * or `error` in its place when the workload cannot run.
 */
export interface BenchResult {
  framework: string
  framework_version: string
  backend: string
  workload: string
  samples_per_s?: number
  steps_per_s?: number
  gflops?: number
  test_acc: number | null
  last_loss: number | null
  threads: number
  notes: string
  error?: string
  /** Loss of global step 0 (the spec gives its reference value). */
  first_loss?: number
  /** From the start of the runner's setup (backend, weights) to step 0's loss on the host. */
  time_to_first_step_ms?: number
  /** W3: max relative error of 64 sampled entries against a float64 dot product. */
  check_rel_err?: number
}

/**
 * Reference loss of the first batch (`README.md` of the spec): the MLP's at W1's batch of 128,
 * the CNN's at W2's batch of 64. Other workloads have none (W4's batch of 8 differs).
 */
export const FIRST_LOSS_REFERENCE: Readonly<Record<string, number>> = {
  W1_mlp: 2.3582611,
  W2_cnn: 2.2787454,
}

/** A runner's label in tables and logs: `framework-backend`, e.g. `knack-wasm`. */
export function targetLabel(r: Pick<BenchResult, 'framework' | 'backend'>): string {
  return `${r.framework}-${r.backend}`
}

/** The value of the workload's metric in `r` (`null` where it did not run). */
export function metricValue(r: BenchResult): number | null {
  return r.gflops ?? r.steps_per_s ?? r.samples_per_s ?? null
}

/** The unit of the metric `r` reports (`null` for an error line). */
export function metricUnit(r: BenchResult): string | null {
  if (r.gflops !== undefined) return 'GFLOP/s'
  if (r.steps_per_s !== undefined) return 'steps/s'
  if (r.samples_per_s !== undefined) return 'samples/s'
  return null
}

/** Parses the JSON lines a runner printed, skipping anything that is not a result object. */
export function parseResultLines(text: string): BenchResult[] {
  const out: BenchResult[] = []
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (!trimmed.startsWith('{')) continue
    const value = JSON.parse(trimmed) as BenchResult
    if (typeof value.workload === 'string' && typeof value.framework === 'string') out.push(value)
  }
  return out
}

/** Rounds to `digits` significant digits, keeping JSON lines short. */
export function roundTo(x: number, digits: number): number {
  return Number(x.toPrecision(digits))
}
