import { ArgumentError, ShapeError, tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { softTargets } from './soft-targets'

const labels = (...v: number[]) => tensor(Int32Array.from(v))

describe('softTargets', () => {
  it('turns int32 labels into one-hot rows', () => {
    const out = softTargets(labels(2, 0), { numClasses: 3 })
    expect(out.dtype).toBe('float32')
    expect(out.toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ])
  })

  it('smooths: (1 − ε)·y + ε/C, for labels and soft targets alike', () => {
    const out = softTargets(labels(1), { numClasses: 4, labelSmoothing: 0.2 })
    expect(out.data).toEqual(Float32Array.of(0.05, 0.85, 0.05, 0.05))
    const soft = softTargets(tensor([[0.5, 0.5, 0, 0]]), { labelSmoothing: 0.2 })
    expect(soft.data).toEqual(Float32Array.of(0.45, 0.45, 0.05, 0.05))
  })

  it('passes soft targets through', () => {
    const y = tensor([[0.25, 0.75]])
    expect(softTargets(y).data).toEqual(y.data)
  })

  it('explains what is missing or wrong', () => {
    expect(() => softTargets(labels(1))).toThrow(/numClasses is not set/)
    expect(() => softTargets(labels(3), { numClasses: 3 })).toThrow(
      /label 3 of sample 0 is outside \[0, 3\)/,
    )
    expect(() => softTargets(tensor([[1, 0]]), { numClasses: 3 })).toThrow(ShapeError)
    expect(() => softTargets(tensor([1, 0]))).toThrow(/convert with .toInt\(\)/)
    expect(() => softTargets(labels(0), { numClasses: 2, labelSmoothing: 1.5 })).toThrow(
      ArgumentError,
    )
    expect(() => softTargets(labels(0), { numClasses: 0 })).toThrow(/positive integer/)
  })
})
