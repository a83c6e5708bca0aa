import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, DTypeError } from '../../errors'
import { Tensor } from '../../tensor'
import { softmax } from './softmax'

const t = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

const randomish = (shape: number[]) => {
  const size = shape.reduce((a, b) => a * b, 1)
  const values = Array.from({ length: size }, (_, i) => Math.sin(i * 1.9 + 0.4) * 2)
  return t(values, shape, true)
}

describe('softmax', () => {
  it('normalizes exponentials along the last dimension by default', () => {
    const y = softmax(t([0, Math.log(3), 1, 1], [2, 2]))
    expect(y.data[0]).toBeCloseTo(0.25, 6)
    expect(y.data[1]).toBeCloseTo(0.75, 6)
    expect(y.data[2]).toBeCloseTo(0.5, 6)
  })

  it('works along any dimension, summing to 1 there', () => {
    const x = randomish([2, 3, 4])
    const y = softmax(x, 1)
    for (let o = 0; o < 2; o++) {
      for (let i = 0; i < 4; i++) {
        let s = 0
        for (let k = 0; k < 3; k++) s += y.data[o * 12 + k * 4 + i]!
        expect(s).toBeCloseTo(1, 6)
      }
    }
  })

  it('is stable for large logits', () => {
    const y = softmax(t([1000, 1001, -1000], [3]))
    expect(y.data[0]).toBeCloseTo(1 / (1 + Math.E), 6)
    expect(y.data[2]).toBe(0)
  })

  it('computes y ⊙ (g − Σ g ⊙ y) backward', () => {
    const x = t([0, Math.log(3)], [2], true)
    softmax(x).backward(t([1, 0], [2]))
    // y = [1/4, 3/4]; g·y = 1/4; grad = y ⊙ (g − 1/4) = [3/16, −3/16].
    expect(x.grad!.data[0]).toBeCloseTo(3 / 16, 6)
    expect(x.grad!.data[1]).toBeCloseTo(-3 / 16, 6)
  })

  it.each([[0], [1], [2], [-1]])('passes gradCheck along dim %d', (dim) => {
    expect(gradCheck((a) => softmax(a, dim), [randomish([2, 3, 4])]).ok).toBe(true)
  })

  it('rejects int32 input and bad dimensions', () => {
    expect(() => softmax(new Tensor(Int32Array.of(1, 2), [2]))).toThrow(DTypeError)
    expect(() => softmax(t([1, 2], [2]), 1)).toThrow(ArgumentError)
  })
})
