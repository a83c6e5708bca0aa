import { describe, expect, it } from 'vitest'
import { formatMemoryTable, type MemoryResult } from './memory'

describe('formatMemoryTable', () => {
  it('prints one row per sample', () => {
    const result: MemoryResult = {
      framework: 'knack',
      backend: 'js',
      workload: 'memory_W4_mlp_b8_10000_steps',
      steps: 10000,
      samples: [
        { step: 1, heapUsed: 7.8, arrayBuffers: 64.8, external: 70.5, rss: 187.3 },
        { step: 10000, heapUsed: 7.8, arrayBuffers: 64.8, external: 95.1, rss: 189.5 },
      ],
      gc_forced: true,
      notes: '',
    }
    const lines = formatMemoryTable([result]).split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[3]).toBe('| knack-js | 10000 | 10000 | 7.8 | 64.8 | 95.1 | 189.5 |')
  })
})
