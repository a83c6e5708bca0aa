import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { accuracy } from './accuracy'
import { ConfusionMatrix } from './confusion-matrix'
import { topKAccuracy } from './top-k-accuracy'

const scores = new Tensor(
  Float32Array.of(0.1, 0.7, 0.2, 0.5, 0.3, 0.2, 0.2, 0.3, 0.5, 0.4, 0.4, 0.2),
  [4, 3],
)
const labels = new Tensor(Int32Array.of(1, 2, 2, 1), [4])

describe('metrics', () => {
  it('accuracy counts arg-max hits over batches; ties go to the lower class', () => {
    const m = accuracy()
    m.update(scores, labels)
    expect(m.compute()).toBe(0.5)
    m.update(scores.slice(0, 0, 1), labels.slice(0, 0, 1))
    expect(m.compute()).toBe(0.6)
    m.reset()
    expect(m.compute()).toBeNaN()
  })

  it('top-k accuracy', () => {
    const top2 = topKAccuracy(2)
    top2.update(scores, labels)
    expect(top2.name).toBe('top2_accuracy')
    expect(top2.compute()).toBe(0.75)
    expect(() => topKAccuracy(0)).toThrow(/positive integer/)
  })

  it('accepts soft targets and rejects mismatched ones', () => {
    const m = accuracy()
    const soft = new Tensor(Float32Array.of(0, 1, 0, 0, 0.2, 0.8, 0, 0.1, 0.9, 0.6, 0.4, 0), [4, 3])
    m.update(scores, soft)
    expect(m.compute()).toBe(0.75)
    expect(() => m.update(scores, new Tensor(Int32Array.of(1, 2), [2]))).toThrow(
      /do not match outputs of 4 rows/,
    )
  })

  it('confusion matrix counts (truth, prediction) pairs', () => {
    const cm = new ConfusionMatrix(3).update(scores, labels)
    expect(cm.get(1, 1)).toBe(1)
    expect(cm.get(2, 0)).toBe(1)
    expect(cm.get(2, 2)).toBe(1)
    expect(cm.get(1, 0)).toBe(1)
    expect(cm.format().split('\n')).toHaveLength(4)
  })
})
