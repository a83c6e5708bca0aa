import { describe, expect, it } from 'vitest'
import { metricUnit, metricValue, parseResultLines, targetLabel } from './result'

const base = {
  framework: 'knack',
  framework_version: '0',
  backend: 'js',
  test_acc: null,
  last_loss: null,
  threads: 1,
  notes: '',
}

describe('result lines', () => {
  it('parses JSON result lines among other output', () => {
    const text = [
      'Hi, looks like you are running TensorFlow.js in Node.js.',
      JSON.stringify({ ...base, workload: 'W1_mlp', samples_per_s: 10 }),
      '{"something": "else"}',
      '',
    ].join('\n')
    const parsed = parseResultLines(text)
    expect(parsed).toHaveLength(1)
    expect(targetLabel(parsed[0]!)).toBe('knack-js')
  })

  it('reads the metric a line reports', () => {
    expect(metricValue({ ...base, workload: 'W3_matmul_n128', gflops: 3 })).toBe(3)
    expect(metricUnit({ ...base, workload: 'W4_mlp_b8', steps_per_s: 5, samples_per_s: 40 })).toBe(
      'steps/s',
    )
    expect(metricValue({ ...base, workload: 'W4_mlp_b8', steps_per_s: 5, samples_per_s: 40 })).toBe(
      5,
    )
    expect(metricValue({ ...base, workload: 'W2_cnn', error: 'no kernel' })).toBeNull()
    expect(metricUnit({ ...base, workload: 'W2_cnn', error: 'no kernel' })).toBeNull()
  })
})
