import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { log } from './log'

describe('log', () => {
  it('computes ln x, -Infinity at 0 and NaN below', () => {
    const y = log(new Tensor(Float32Array.of(1, Math.E, 0, -1), [4]))
    expect(y.data[0]).toBe(0)
    expect(y.data[1]).toBeCloseTo(1, 6)
    expect(y.data[2]).toBe(-Infinity)
    expect(y.data[3]).toBeNaN()
  })

  it('has gradient 1/x and passes gradCheck', () => {
    const x = new Tensor(Float32Array.of(0.5, 4), [2], true)
    log(x).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([2, 0.25])
    const z = new Tensor(Float32Array.of(0.3, 1.2, 2.7, 0.9, 5.1, 1.6), [3, 2], true)
    expect(gradCheck(log, [z]).ok).toBe(true)
  })
})
