import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { DTypeError } from '../../errors'
import { Tensor } from '../../tensor'
import { logSoftmax } from './log-softmax'
import { softmax } from './softmax'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

const randomish = (shape: number[]) => {
  const size = shape.reduce((a, b) => a * b, 1)
  const values = Array.from({ length: size }, (_, i) => Math.cos(i * 2.1 + 0.1) * 2)
  return t(values, shape, true)
}

describe('logSoftmax', () => {
  it('is the log of the softmax', () => {
    const x = randomish([3, 4])
    const a = logSoftmax(x, 0)
    const b = softmax(x, 0)
    for (let i = 0; i < a.size; i++) expect(a.data[i]).toBeCloseTo(Math.log(b.data[i]!), 5)
    const y = logSoftmax(t([0, Math.log(3)], [2]))
    expect(y.data[0]).toBeCloseTo(Math.log(0.25), 6)
  })

  it('stays finite where the softmax underflows', () => {
    const y = logSoftmax(t([0, 200], [2]))
    expect(y.data[0]).toBeCloseTo(-200, 4)
    expect(y.data[1]).toBeCloseTo(0, 6)
  })

  it('computes g − softmax · Σ g backward', () => {
    const x = t([0, Math.log(3)], [2], true)
    logSoftmax(x).backward(t([1, 0], [2]))
    expect(x.grad!.data[0]).toBeCloseTo(0.75, 6)
    expect(x.grad!.data[1]).toBeCloseTo(-0.75, 6)
  })

  it.each([[0], [1], [2], [-1]])('passes gradCheck along dim %d', (dim) => {
    expect(gradCheck((a) => logSoftmax(a, dim), [randomish([2, 3, 4])]).ok).toBe(true)
  })

  it('rejects int32 input', () => {
    expect(() => logSoftmax(new Tensor(Int32Array.of(1, 2), [2]))).toThrow(DTypeError)
  })
})
