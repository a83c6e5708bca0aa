import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { linearWarmup } from './linear-warmup'

describe('linearWarmup', () => {
  it('ramps linearly from `from` to `to` and holds `to`', () => {
    const s = linearWarmup({ from: 0.1, to: 0.5, steps: 4 })
    const want: [number, number][] = [
      [0, 0.1],
      [1, 0.2],
      [2, 0.3],
      [3, 0.4],
      [4, 0.5],
      [100, 0.5],
    ]
    for (const [t, lr] of want) expect(s(t)).toBeCloseTo(lr, 15)
  })

  it('starts from 0 by default, and gives `to` at once with no steps', () => {
    expect(linearWarmup({ to: 1, steps: 10 })(0)).toBe(0)
    expect(linearWarmup({ to: 1, steps: 0 })(0)).toBe(1)
  })

  it('rejects a negative number of steps', () => {
    expect(() => linearWarmup({ to: 1, steps: -1 })).toThrow(ArgumentError)
  })
})
