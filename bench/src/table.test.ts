import { describe, expect, it } from 'vitest'
import type { BenchResult } from './result'
import { formatMetric, formatRatio, formatTable, formatTargets, ratio } from './table'

function line(framework: string, backend: string, workload: string, extra: Partial<BenchResult>) {
  return {
    framework,
    framework_version: '1',
    backend,
    workload,
    test_acc: null,
    last_loss: null,
    threads: 1,
    notes: '',
    ...extra,
  } satisfies BenchResult
}

const results: BenchResult[] = [
  line('knack', 'js', 'W1_mlp', {
    samples_per_s: 12000,
    test_acc: 0.9345,
    last_loss: 0.123456,
    first_loss: 2.3582611,
    time_to_first_step_ms: 151.4,
  }),
  line('tfjs', 'cpu', 'W1_mlp', { samples_per_s: 800 }),
  line('tfjs', 'wasm', 'W1_mlp', { samples_per_s: 4000 }),
  line('pytorch', 'cpu', 'W1_mlp', { samples_per_s: 30000, threads: 2 }),
  line('knack', 'js', 'W2_cnn', { samples_per_s: 1000 }),
  line('tfjs', 'wasm', 'W2_cnn', { error: "Kernel 'Conv2DBackpropFilter' not registered" }),
  line('knack', 'js', 'W3_matmul_n512', { gflops: 30 }),
  line('tfjs', 'wasm', 'W3_matmul_n512', { gflops: 40 }),
  line('knack', 'js', 'W4_mlp_b8', { steps_per_s: 600, samples_per_s: 4800 }),
  line('pytorch', 'cpu', 'W4_mlp_b8', { steps_per_s: 500, samples_per_s: 4000 }),
]

describe('formatMetric and formatRatio', () => {
  it('groups large values and keeps three digits of small ones', () => {
    expect(formatMetric(34371.4)).toBe('34,371')
    expect(formatMetric(1234567)).toBe('1,234,567')
    expect(formatMetric(136)).toBe('136')
    expect(formatMetric(8.8)).toBe('8.80')
    expect(formatMetric(0.04321)).toBe('0.0432')
  })

  it('writes ratios with two decimals, one from 10 up', () => {
    expect(formatRatio(3)).toBe('3.00×')
    expect(formatRatio(0.456)).toBe('0.46×')
    expect(formatRatio(15.04)).toBe('15.0×')
  })
})

describe('ratio', () => {
  it('divides Knack by the base on the same workload', () => {
    expect(ratio(results[0]!, results, 'tfjs-wasm')).toBe(3)
    expect(ratio(results[0]!, results, 'pytorch-cpu')).toBe(0.4)
  })

  it('is null where the base failed or is missing', () => {
    expect(ratio(results[4]!, results, 'tfjs-wasm')).toBeNull()
    expect(ratio(results[4]!, results, 'pytorch-cpu')).toBeNull()
  })

  it('uses steps/s for W4', () => {
    expect(ratio(results[8]!, results, 'pytorch-cpu')).toBe(1.2)
  })
})

describe('formatTable', () => {
  const table = formatTable(results).split('\n')

  it('is a Markdown table with one row per result', () => {
    expect(table[0]).toBe(
      '| workload | framework | metric | test_acc | last_loss | first_loss | first step ms | threads | Knack / tfjs-wasm | Knack / tfjs-cpu | Knack / pytorch-cpu |',
    )
    expect(table[1]).toMatch(/^\| --- \|/)
    expect(table).toHaveLength(2 + results.length)
  })

  it('prints the figures and ratios of a Knack row', () => {
    expect(table[2]).toBe(
      '| W1_mlp | knack-js | 12,000 samples/s | 0.9345 | 0.12346 | 2.3582611 | 151 | 1 | 3.00× | 15.0× | 0.40× |',
    )
  })

  it('leaves ratio cells of other frameworks empty and shows errors', () => {
    expect(table[5]).toBe(
      '| W1_mlp | pytorch-cpu | 30,000 samples/s | — | — | — | — | 2 |  |  |  |',
    )
    expect(table[7]).toContain("error: Kernel 'Conv2DBackpropFilter' not registered |")
    expect(table[6]).toContain('| 1,000 samples/s |')
    expect(table[6]).toMatch(/\| — \| — \| — \|$/)
  })

  it('labels W3 and W4 metrics by their units', () => {
    expect(table[8]).toContain('| 30.0 GFLOP/s |')
    expect(table[10]).toContain('| 600 steps/s |')
  })
})

describe('formatTargets', () => {
  it('states each target with its ratio and verdict', () => {
    expect(formatTargets(results).split('\n')).toEqual([
      '- W1_mlp: Knack ≥ 3× tfjs-wasm: 3.00× (knack-js) — met',
      '- W1_mlp: Knack ≥ 0.5× pytorch-cpu: 0.40× (knack-js) — NOT met',
      '- W2_cnn: Knack ≥ 0.5× pytorch-cpu: not measured',
      '- W3_matmul_n512: Knack ≥ 2× tfjs-wasm: 0.75× (knack-js) — NOT met',
      '- W4_mlp_b8: Knack ≥ 1× pytorch-cpu: 1.20× (knack-js) — met',
    ])
  })

  it('takes the best Knack backend', () => {
    const more = [...results, line('knack', 'wasm', 'W3_matmul_n512', { gflops: 100 })]
    expect(formatTargets(more)).toContain(
      'W3_matmul_n512: Knack ≥ 2× tfjs-wasm: 2.50× (knack-wasm) — met',
    )
  })
})
