import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { largeBatchSchedule } from './large-batch-schedule'
import { multiStep } from './multi-step'

describe('largeBatchSchedule', () => {
  it('warms up linearly from the base rate to the scaled rate, then holds it', () => {
    const s = largeBatchSchedule({ baseLr: 0.1, baseBatch: 256, batch: 1024, warmupSteps: 10 })
    expect(s(0)).toBe(0.1)
    expect(s(5)).toBeCloseTo(0.25, 15)
    expect(s(10)).toBeCloseTo(0.4, 15)
    expect(s(1000)).toBeCloseTo(0.4, 15)
  })

  it('hands over to `after` at the absolute step after the warmup', () => {
    const after = multiStep({ initial: 0.4, milestones: [30, 60] })
    const s = largeBatchSchedule({
      baseLr: 0.1,
      baseBatch: 256,
      batch: 1024,
      warmupSteps: 5,
      after,
    })
    expect(s(4)).toBeCloseTo(0.34, 15)
    for (const t of [5, 29, 30, 59, 60, 90]) expect(s(t)).toBe(after(t))
  })

  it('rejects a fractional warmup and a non-function after', () => {
    const base = { baseLr: 0.1, baseBatch: 256, batch: 512 }
    expect(() => largeBatchSchedule({ ...base, warmupSteps: 0.5 })).toThrow(ArgumentError)
    expect(() => largeBatchSchedule({ ...base, warmupSteps: 5, after: 0.2 as never })).toThrow(
      /after must be a schedule/,
    )
  })
})
