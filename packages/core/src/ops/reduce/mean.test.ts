import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { mean } from './mean'

const randomish = (shape: number[]) => {
  const size = shape.reduce((a, b) => a * b, 1)
  const values = Array.from({ length: size }, (_, i) => Math.cos(i * 1.1 + 0.2) * 2)
  return new Tensor(Float32Array.from(values), shape, true)
}

describe('mean', () => {
  it('averages over one dimension, several, or all', () => {
    const x = new Tensor(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3])
    expect(mean(x, 0).toArray()).toEqual([2.5, 3.5, 4.5])
    expect(mean(x, 1).toArray()).toEqual([2, 5])
    expect(mean(x, [0, 1], true).toArray()).toEqual([[3.5]])
  })

  it.each([
    [[2, 3, 4], undefined, false],
    [[2, 3, 4], 1, true],
    [[2, 3, 4], [0, 2], false],
    [[2, 3, 4], -1, false],
  ] as const)('passes gradCheck on %j over %j (keepdim %s)', (shape, dim, keepdim) => {
    expect(gradCheck((a) => mean(a, dim, keepdim), [randomish([...shape])]).ok).toBe(true)
  })
})
