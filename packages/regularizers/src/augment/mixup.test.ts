import {
  ArgumentError,
  beta,
  Generator,
  permutation,
  ShapeError,
  Tensor,
  tensor,
} from '@knack/core'
import { describe, expect, it } from 'vitest'
import { mixup } from './mixup'

function batch(n: number, classes: number) {
  const inputs = new Tensor(
    Float32Array.from({ length: n * 12 }, (_, i) => Math.sin(i) * 4),
    [n, 3, 2, 2],
  )
  const targets = tensor(Int32Array.from({ length: n }, (_, i) => i % classes))
  return { inputs, targets }
}

function expectRowsSumToOne(t: Tensor): void {
  const [n, c] = t.shape as [number, number]
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let k = 0; k < c; k++) s += t.data[i * c + k]!
    expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-6)
  }
}

describe('mixup', () => {
  it('mixes images exactly as λ·x_i + (1 − λ)·x_π(i) with λ ~ Beta(α, α), then π', () => {
    const b = batch(6, 6)
    const out = mixup({ alpha: 0.4, numClasses: 6 })(b, new Generator(17))
    const g = new Generator(17)
    const lambda = beta(0.4, 0.4, g)
    const perm = permutation(6, g)
    expect(perm.some((p, i) => p !== i)).toBe(true)
    const x = b.inputs.data
    for (let i = 0; i < 6; i++) {
      for (let k = 0; k < 12; k++) {
        const want = lambda * x[i * 12 + k]! + (1 - lambda) * x[perm[i]! * 12 + k]!
        expect(out.inputs.data[i * 12 + k]).toBe(Math.fround(want))
      }
    }
    expect(out.inputs.shape).toEqual([6, 3, 2, 2])
    // Targets: λ on the own label, 1 − λ on the partner's, summing to 1.
    expect(out.targets.dtype).toBe('float32')
    expect(out.targets.shape).toEqual([6, 6])
    expectRowsSumToOne(out.targets)
    for (let i = 0; i < 6; i++) {
      const row = Array.from(out.targets.data.subarray(6 * i, 6 * i + 6))
      const want = new Array(6).fill(0)
      want[i] += lambda
      want[perm[i]!] += 1 - lambda
      row.forEach((v, k) => {
        expect(Math.abs(v - want[k])).toBeLessThanOrEqual(1e-7)
      })
    }
  })

  it('applies label smoothing to each one-hot row before mixing', () => {
    const b = batch(5, 3)
    const eps = 0.1
    const out = mixup({ alpha: 1, numClasses: 3, labelSmoothing: eps })(b, new Generator(4))
    const g = new Generator(4)
    const lambda = beta(1, 1, g)
    const perm = permutation(5, g)
    const smooth = (label: number, k: number) => (1 - eps) * (label === k ? 1 : 0) + eps / 3
    expectRowsSumToOne(out.targets)
    for (let i = 0; i < 5; i++) {
      for (let k = 0; k < 3; k++) {
        const yi = b.targets.data[i]!
        const yp = b.targets.data[perm[i]!]!
        const want = lambda * smooth(yi, k) + (1 - lambda) * smooth(yp, k)
        expect(Math.abs(out.targets.data[3 * i + k]! - want)).toBeLessThanOrEqual(1e-7)
        // Every class keeps at least the smoothing floor ε/C.
        expect(out.targets.data[3 * i + k]!).toBeGreaterThanOrEqual(Math.fround(eps / 3) - 1e-7)
      }
    }
  })

  it('mixes soft targets as given, so it composes with itself', () => {
    const b = batch(4, 2)
    const once = mixup({ numClasses: 2 })(b, new Generator(1))
    const twice = mixup()(once, new Generator(2))
    expectRowsSumToOne(twice.targets)
    expect(twice.targets.shape).toEqual([4, 2])
  })

  it('gives identical output for the same seed', () => {
    const f = mixup({ numClasses: 3 })
    const b = batch(8, 3)
    const a = f(b, new Generator(9))
    const c = f(b, new Generator(9))
    expect(a.inputs.data).toEqual(c.inputs.data)
    expect(a.targets.data).toEqual(c.targets.data)
  })

  it('refuses bad options and mismatched batches before drawing', () => {
    expect(() => mixup({ alpha: 0 })).toThrow(ArgumentError)
    expect(() => mixup({ labelSmoothing: 2 })).toThrow(/labelSmoothing must lie in \[0, 1\]/)
    const b = batch(4, 2)
    const g = new Generator(0)
    const state = g.getState()
    expect(() => mixup()(b, g)).toThrow(/numClasses is not set/)
    expect(() =>
      mixup({ numClasses: 2 })({ ...b, targets: tensor(Int32Array.of(0, 1)) }, g),
    ).toThrow(ShapeError)
    expect(g.getState()).toEqual(state)
  })
})
