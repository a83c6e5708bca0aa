import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { Tensor } from '../../tensor'
import { selu } from './selu'

describe('selu', () => {
  it('uses the SELU constants λ ≈ 1.0507 and α ≈ 1.6733', () => {
    const y = selu(new Tensor(Float32Array.of(1, -1000, -1), [3]))
    expect(y.data[0]).toBeCloseTo(1.0507009873554805, 6)
    expect(y.data[1]).toBeCloseTo(-1.0507009873554805 * 1.6732632423543772, 6)
    expect(y.data[2]).toBeCloseTo(1.0507009873554805 * 1.6732632423543772 * (Math.exp(-1) - 1), 6)
  })

  it('passes gradCheck on both sides of 0', () => {
    const z = new Tensor(Float32Array.of(-2.1, -0.4, 0.2, 1.1, 1.6, -0.9), [2, 3], true)
    expect(gradCheck(selu, [z]).ok).toBe(true)
  })
})
