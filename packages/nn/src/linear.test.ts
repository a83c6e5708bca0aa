import { ArgumentError, Generator, gradCheck, randn, ShapeError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { Linear } from './linear'

describe('Linear', () => {
  it('has PyTorch’s parameter names, layouts and default bounds', () => {
    const fc = new Linear(20, 7, { generator: new Generator(3) })
    expect(fc.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['weight', [7, 20]],
      ['bias', [7]],
    ])
    const bound = 1 / Math.sqrt(20)
    for (const p of fc.parameters()) {
      for (const v of p.data) expect(Math.abs(v)).toBeLessThanOrEqual(bound)
    }
    expect(new Linear(20, 7, { bias: false }).namedParameters().map(([n]) => n)).toEqual(['weight'])
  })

  it('is reproducible with a generator and re-draws with resetParameters', () => {
    const a = new Linear(4, 3, { generator: new Generator(5) })
    const b = new Linear(4, 3, { generator: new Generator(5) })
    expect(Array.from(a.weight.data)).toEqual(Array.from(b.weight.data))
    const before = Array.from(a.weight.data)
    a.resetParameters(new Generator(6))
    expect(Array.from(a.weight.data)).not.toEqual(before)
  })

  it('maps the last dimension and passes gradCheck for input, weight and bias', () => {
    const g = new Generator(11)
    const fc = new Linear(3, 2, { generator: g })
    const x = randn([2, 4, 3], { generator: g, requiresGrad: true })
    expect(fc.forward(x).shape).toEqual([2, 4, 2])
    const result = gradCheck(
      (input, w, b) => {
        fc.weight = w as typeof fc.weight
        fc.bias = b as typeof fc.bias
        return fc.forward(input!)
      },
      [x, fc.weight, fc.bias!],
    )
    expect(result.ok, JSON.stringify(result.failures)).toBe(true)
  })

  it('refuses bad sizes and a wrong input width', () => {
    expect(() => new Linear(-1, 2)).toThrow(ArgumentError)
    expect(() => new Linear(2, 2.5)).toThrow('Linear: outFeatures must be an integer ≥ 0, got 2.5')
    expect(() => new Linear(3, 2).forward(randn([4, 5]))).toThrow(ShapeError)
  })
})
