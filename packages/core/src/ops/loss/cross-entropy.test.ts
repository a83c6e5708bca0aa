import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, DTypeError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { crossEntropy } from './cross-entropy'

const f = (values: number[], shape: number[], requiresGrad = false) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)
const labels = (values: number[]) => new Tensor(Int32Array.from(values), [values.length])

const randomish = (shape: number[], seed = 0.3) => {
  const size = shape.reduce((a, b) => a * b, 1)
  const values = Array.from({ length: size }, (_, i) => Math.sin(i * 1.7 + seed) * 2)
  return f(values, shape, true)
}

/** Rows of random-ish probabilities (positive, each row sums to 1 along dim 1). */
const probabilities = (shape: number[], requiresGrad = false) => {
  const [n, c, ...rest] = shape
  const inner = rest.reduce((a, b) => a * b, 1)
  const data = new Float32Array(n! * c! * inner)
  for (let o = 0; o < n!; o++) {
    for (let i = 0; i < inner; i++) {
      let s = 0
      for (let k = 0; k < c!; k++) s += data[(o * c! + k) * inner + i] = 1 + ((o + 3 * k + i) % 4)
      for (let k = 0; k < c!; k++) data[(o * c! + k) * inner + i]! /= s
    }
  }
  return new Tensor(data, shape, requiresGrad)
}

const ln = Math.log

describe('crossEntropy with class indices', () => {
  const logits = f([0, ln(3), 0, 0], [2, 2])

  it('is −log softmax at the target, averaged', () => {
    // Sample 0: p = [1/4, 3/4], target 1 → −ln 3/4; sample 1: uniform → ln 2.
    const target = labels([1, 0])
    expect(crossEntropy(logits, target).item()).toBeCloseTo((-ln(0.75) + ln(2)) / 2, 6)
    expect(crossEntropy(logits, target, { reduction: 'sum' }).item()).toBeCloseTo(
      -ln(0.75) + ln(2),
      6,
    )
    const none = crossEntropy(logits, target, { reduction: 'none' })
    expect(none.shape).toEqual([2])
    expect(none.data[0]).toBeCloseTo(-ln(0.75), 6)
  })

  it('divides the weighted mean by the summed target weights', () => {
    const weight = f([2, 3], [2])
    const loss = crossEntropy(logits, labels([1, 0]), { weight }).item()
    expect(loss).toBeCloseTo((3 * -ln(0.75) + 2 * ln(2)) / (3 + 2), 6)
  })

  it('mixes in the uniform distribution with label smoothing', () => {
    // ε = 0.2, C = 2: (1 − ε)·(−log p_y) + ε/C·Σ_c −log p_c.
    const loss = crossEntropy(f([0, ln(3)], [1, 2]), labels([1]), { labelSmoothing: 0.2 })
    expect(loss.item()).toBeCloseTo(0.8 * -ln(0.75) + 0.1 * (-ln(0.25) - ln(0.75)), 6)
  })

  it('skips ignored targets in the loss, the mean and the gradient', () => {
    const x = f([0, ln(3), 5, -5], [2, 2], true)
    const loss = crossEntropy(x, labels([1, -100]))
    expect(loss.item()).toBeCloseTo(-ln(0.75), 6)
    loss.backward()
    expect(Array.from(x.grad!.data.slice(2))).toEqual([0, 0])
    expect(x.grad!.data[0]).toBeCloseTo(0.25, 6)
    const custom = crossEntropy(logits, labels([1, 0]), { ignoreIndex: 0, reduction: 'none' })
    expect(custom.data[1]).toBe(0)
  })

  it('gives NaN for the mean of all-ignored targets, with a zero gradient', () => {
    const x = f([1, 2], [1, 2], true)
    const loss = crossEntropy(x, labels([-100]))
    expect(loss.item()).toBeNaN()
    loss.backward()
    expect(Array.from(x.grad!.data)).toEqual([0, 0])
  })

  it('has gradient softmax − onehot, over the batch', () => {
    const x = f([0, ln(3)], [1, 2], true)
    crossEntropy(x, labels([0])).backward()
    expect(x.grad!.data[0]).toBeCloseTo(0.25 - 1, 6)
    expect(x.grad!.data[1]).toBeCloseTo(0.75, 6)
  })

  it('is stable for huge logits', () => {
    const loss = crossEntropy(f([1000, 0, -1000], [1, 3]), labels([1]))
    expect(loss.item()).toBeCloseTo(1000, 3)
  })

  it('accepts unbatched [C] logits with a 0-d target, and [N, C, d] logits', () => {
    const one = crossEntropy(f([0, ln(3)], [2]), new Tensor(Int32Array.of(1), []))
    expect(one.item()).toBeCloseTo(-ln(0.75), 6)
    const x = randomish([2, 3, 2])
    const target = new Tensor(Int32Array.of(0, 2, 1, 1), [2, 2])
    expect(crossEntropy(x, target, { reduction: 'none' }).shape).toEqual([2, 2])
  })

  it.each([
    ['mean', {}],
    ['sum', { reduction: 'sum' }],
    ['none', { reduction: 'none' }],
    ['weights + smoothing', { weight: f([0.5, 2, 1, 1.5], [4]), labelSmoothing: 0.1 }],
    ['ignore + weights', { weight: f([0.5, 2, 1, 1.5], [4]), ignoreIndex: 3 }],
  ] as const)('passes gradCheck on [N, C] (%s)', (_, options) => {
    const target = labels([0, 3, 2, 1, 3])
    expect(gradCheck((x) => crossEntropy(x, target, options), [randomish([5, 4])]).ok).toBe(true)
  })

  it('passes gradCheck on [N, C, d1, d2] and unbatched [C]', () => {
    const target = new Tensor(Int32Array.from([0, 2, 1, 1, 2, 0, 1, 2]), [2, 2, 2])
    const options = { labelSmoothing: 0.2, weight: f([1, 0.5, 2], [3]) }
    expect(gradCheck((x) => crossEntropy(x, target, options), [randomish([2, 3, 2, 2])]).ok).toBe(
      true,
    )
    const single = new Tensor(Int32Array.of(2), [])
    expect(gradCheck((x) => crossEntropy(x, single), [randomish([4])]).ok).toBe(true)
  })
})

describe('crossEntropy with class probabilities', () => {
  it('equals the index form for one-hot targets', () => {
    const x = randomish([3, 4])
    const onehot = f([0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0], [3, 4])
    const idx = labels([1, 3, 0])
    for (const labelSmoothing of [0, 0.1]) {
      const a = crossEntropy(x, onehot, { labelSmoothing }).item()
      const b = crossEntropy(x, idx, { labelSmoothing }).item()
      expect(a).toBeCloseTo(b, 6)
    }
  })

  it('averages over samples even with weights', () => {
    const x = f([0, ln(3)], [1, 2])
    const q = f([0.5, 0.5], [1, 2])
    const weight = f([2, 4], [2])
    // −(2·0.5·ln ¼ + 4·0.5·ln ¾) over 1 sample (not over the weights).
    const expected = -(ln(0.25) + 2 * ln(0.75))
    expect(crossEntropy(x, q, { weight }).item()).toBeCloseTo(expected, 6)
  })

  it.each([
    ['mean', {}],
    ['sum + smoothing', { reduction: 'sum', labelSmoothing: 0.1 }],
    ['none + weights', { reduction: 'none', weight: f([0.5, 2, 1], [3]) }],
  ] as const)('passes gradCheck for logits and targets (%s)', (_, options) => {
    const check = gradCheck(
      (x, q) => crossEntropy(x, q, options),
      [randomish([4, 3]), probabilities([4, 3], true)],
    )
    expect(check.ok).toBe(true)
  })

  it('passes gradCheck on [N, C, d]', () => {
    const check = gradCheck(
      (x, q) => crossEntropy(x, q, { labelSmoothing: 0.1, weight: f([1, 2, 0.5], [3]) }),
      [randomish([2, 3, 4]), probabilities([2, 3, 4], true)],
    )
    expect(check.ok).toBe(true)
  })
})

describe('crossEntropy errors', () => {
  const x = f([1, 2, 3, 4, 5, 6], [2, 3])

  it('names an out-of-range label, its position and the class count', () => {
    expect(() => crossEntropy(x, labels([0, 3]))).toThrow(ArgumentError)
    expect(() => crossEntropy(x, labels([0, 3]))).toThrow(/target 3 at position 1.*3 classes/)
    expect(() => crossEntropy(x, labels([-1, 0]))).toThrow(ArgumentError)
  })

  it('asks for int32 class indices or float32 logits', () => {
    expect(() => crossEntropy(x, f([0, 1], [2]))).toThrow(DTypeError)
    expect(() => crossEntropy(x, f([0, 1], [2]))).toThrow(/toInt/)
    expect(() => crossEntropy(x.toInt(), labels([0, 1]))).toThrow(DTypeError)
  })

  it('names the shapes on a mismatch', () => {
    expect(() => crossEntropy(x, labels([0, 1, 2]))).toThrow(ShapeError)
    expect(() => crossEntropy(x, labels([0, 1, 2]))).toThrow(/\[3\].*\[2,3\].*\[2\]/)
    expect(() => crossEntropy(x, f([1, 0, 0, 1], [2, 2]))).toThrow(ShapeError)
    expect(() => crossEntropy(f([1], []), labels([0]))).toThrow(ShapeError)
    expect(() => crossEntropy(x, labels([0, 1]), { weight: f([1, 1], [2]) })).toThrow(
      /weight has shape \[2\]/,
    )
  })

  it('rejects bad options', () => {
    expect(() => crossEntropy(x, labels([0, 1]), { labelSmoothing: 1.5 })).toThrow(ArgumentError)
    expect(() =>
      crossEntropy(x, labels([0, 1]), { reduction: 'avg' as unknown as 'mean' }),
    ).toThrow(/unknown reduction "avg"/)
    expect(() => crossEntropy(x, labels([0, 1]), { ignoreIndex: 0.5 })).toThrow(ArgumentError)
    const weight = f([1, 1, 1], [3], true)
    expect(() => crossEntropy(x, labels([0, 1]), { weight })).toThrow(/weight.detach/)
  })
})
