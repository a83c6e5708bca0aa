import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { DTypeError } from '../../errors'
import { Tensor } from '../../tensor'
import { logsumexp } from './logsumexp'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('logsumexp', () => {
  it('computes log Σ exp over a dimension', () => {
    const x = t([0, Math.log(3), 1, 1], [2, 2])
    const r = logsumexp(x, 1)
    expect(r.data[0]).toBeCloseTo(Math.log(4), 6)
    expect(r.data[1]).toBeCloseTo(1 + Math.log(2), 6)
    expect(logsumexp(x, [0, 1], true).shape).toEqual([1, 1])
  })

  it('is stable for large and infinite values', () => {
    expect(logsumexp(t([1000, 1000], [2]), 0).item()).toBeCloseTo(1000 + Math.log(2), 3)
    expect(logsumexp(t([-1000, -1000], [2]), 0).item()).toBeCloseTo(-1000 + Math.log(2), 3)
    expect(logsumexp(t([-Infinity, -Infinity], [2]), 0).item()).toBe(-Infinity)
    expect(logsumexp(t([Infinity, 0], [2]), 0).item()).toBe(Infinity)
  })

  it('has the softmax as its gradient', () => {
    const x = t([0, Math.log(3)], [2], true)
    logsumexp(x, 0).backward()
    expect(x.grad!.data[0]).toBeCloseTo(0.25, 6)
    expect(x.grad!.data[1]).toBeCloseTo(0.75, 6)
  })

  it.each([
    [[3, 4], 1, false],
    [[3, 4], 0, true],
    [[2, 3, 4], [0, 2], false],
    [[2, 3, 4], -1, true],
  ] as const)('passes gradCheck on %j over %j (keepdim %s)', (shape, dim, keepdim) => {
    const size = shape.reduce((a, b) => a * b, 1)
    const x = t(
      Array.from({ length: size }, (_, i) => Math.sin(i * 0.9 + 0.2) * 3),
      [...shape],
      true,
    )
    expect(gradCheck((a) => logsumexp(a, dim, keepdim), [x]).ok).toBe(true)
  })

  it('rejects int32 input', () => {
    expect(() => logsumexp(new Tensor(Int32Array.of(1, 2), [2]), 0)).toThrow(DTypeError)
  })
})
