import { type BenchResult, metricUnit, metricValue, targetLabel } from './result'

/** The frameworks Knack's figures are divided by, as table columns. */
export const RATIO_BASES = ['tfjs-wasm', 'tfjs-cpu', 'pytorch-cpu'] as const

/** A metric value: grouped integers from 100 up, three significant digits below. */
export function formatMetric(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  if (Math.abs(x) >= 100)
    return Math.round(x)
      .toString()
      .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return x.toPrecision(3)
}

/** A ratio as `2.35×`. */
export function formatRatio(x: number): string {
  return `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`
}

function formatOptional(x: number | null | undefined, format: (v: number) => string): string {
  return x === null || x === undefined ? '—' : format(x)
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** `knack / base` for one workload, or `null` where either side has no figure. */
export function ratio(
  knack: BenchResult,
  results: readonly BenchResult[],
  base: string,
): number | null {
  const k = metricValue(knack)
  const other = results.find((r) => r.workload === knack.workload && targetLabel(r) === base)
  const o = other === undefined ? null : metricValue(other)
  return k === null || o === null || o === 0 ? null : k / o
}

/**
 * The side-by-side table (Markdown) of every result line, grouped by workload in first-seen
 * order: the metric, test accuracy, last and first loss, time to first step, threads, and for
 * Knack rows the ratio of its metric to TF.js wasm, TF.js cpu and PyTorch on the same workload.
 */
export function formatTable(results: readonly BenchResult[]): string {
  const header = [
    'workload',
    'framework',
    'metric',
    'test_acc',
    'last_loss',
    'first_loss',
    'first step ms',
    'threads',
    ...RATIO_BASES.map((b) => `Knack / ${b}`),
  ]
  const rows: string[][] = []
  const workloads = [...new Set(results.map((r) => r.workload))]
  for (const workload of workloads) {
    for (const r of results.filter((x) => x.workload === workload)) {
      const value = metricValue(r)
      const metric =
        r.error !== undefined
          ? `error: ${oneLine(r.error, 60)}`
          : `${formatOptional(value, formatMetric)} ${metricUnit(r) ?? ''}`.trim()
      rows.push([
        workload,
        targetLabel(r),
        metric,
        formatOptional(r.test_acc, (v) => v.toFixed(4)),
        formatOptional(r.last_loss, (v) => v.toFixed(5)),
        formatOptional(r.first_loss, (v) => v.toFixed(7)),
        formatOptional(r.time_to_first_step_ms, (v) => v.toFixed(0)),
        String(r.threads),
        ...RATIO_BASES.map((b) =>
          r.framework === 'knack' ? formatOptional(ratio(r, results, b), formatRatio) : '',
        ),
      ])
    }
  }
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

/** One target of issue 7: Knack's metric on `workload` at least `factor` times `base`'s. */
export interface RatioTarget {
  workload: string
  base: string
  factor: number
}

/** The ratio targets of issue 7 (on its reference 2-core machine). */
export const ISSUE_TARGETS: readonly RatioTarget[] = [
  { workload: 'W1_mlp', base: 'tfjs-wasm', factor: 3 },
  { workload: 'W1_mlp', base: 'pytorch-cpu', factor: 0.5 },
  { workload: 'W2_cnn', base: 'pytorch-cpu', factor: 0.5 },
  { workload: 'W3_matmul_n512', base: 'tfjs-wasm', factor: 2 },
  { workload: 'W4_mlp_b8', base: 'pytorch-cpu', factor: 1 },
]

/**
 * One line per target: the best Knack backend's ratio on that workload and whether it meets
 * the target; `not measured` where a side is missing from the run.
 */
export function formatTargets(
  results: readonly BenchResult[],
  targets: readonly RatioTarget[] = ISSUE_TARGETS,
): string {
  return targets
    .map((t) => {
      const goal = `${t.workload}: Knack ≥ ${t.factor}× ${t.base}`
      let best: { label: string; value: number } | null = null
      for (const r of results) {
        if (r.framework !== 'knack' || r.workload !== t.workload) continue
        const value = ratio(r, results, t.base)
        if (value !== null && (best === null || value > best.value)) {
          best = { label: targetLabel(r), value }
        }
      }
      if (best === null) return `- ${goal}: not measured`
      const verdict = best.value >= t.factor ? 'met' : 'NOT met'
      return `- ${goal}: ${formatRatio(best.value)} (${best.label}) — ${verdict}`
    })
    .join('\n')
}
