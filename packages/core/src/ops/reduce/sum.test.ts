import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { sum } from './sum'

const randomish = (shape: number[]) => {
  const size = shape.reduce((a, b) => a * b, 1)
  const values = Array.from({ length: size }, (_, i) => Math.sin(i * 1.3 + 0.5) * 2)
  return new Tensor(Float32Array.from(values), shape, true)
}

describe('sum', () => {
  it('reduces over one dimension, several, or all', () => {
    const x = new Tensor(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3])
    expect(sum(x, 1).toArray()).toEqual([6, 15])
    expect(sum(x, 0, true).toArray()).toEqual([[5, 7, 9]])
    expect(sum(x).item()).toBe(21)
    expect(sum(new Tensor(Int32Array.of(2, 3), [2])).dtype).toBe('int32')
  })

  it.each([
    [[2, 3, 4], undefined, false],
    [[2, 3, 4], 1, true],
    [[2, 3, 4], [0, 2], false],
    [[2, 3, 4], -1, false],
  ] as const)('passes gradCheck on %j over %j (keepdim %s)', (shape, dim, keepdim) => {
    expect(gradCheck((a) => sum(a, dim, keepdim), [randomish([...shape])]).ok).toBe(true)
  })
})
