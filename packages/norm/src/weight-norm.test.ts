import { ArgumentError, Generator, gradCheck, Parameter, randn, type Tensor } from '@knack/core'
import { Conv2d, Linear } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import { normExceptDim, weightNorm } from './weight-norm'

const gen = new Generator(5)

function close(a: Tensor, b: Tensor, tol = 1e-6): void {
  expect(a.shape).toEqual(b.shape)
  for (let i = 0; i < a.size; i++)
    expect(Math.abs(a.data[i]! - b.data[i]!)).toBeLessThanOrEqual(tol)
}

describe('normExceptDim', () => {
  it('takes the norm over every dimension but dim, or over all with null', () => {
    const v = randn([2, 3], { generator: gen })
    const rows = normExceptDim(v, 0)
    expect(rows.shape).toEqual([2, 1])
    expect(rows.data[0]).toBeCloseTo(Math.hypot(...v.data.subarray(0, 3)), 6)
    const cols = normExceptDim(v, 1)
    expect(cols.shape).toEqual([1, 3])
    expect(cols.data[1]).toBeCloseTo(Math.hypot(v.data[1]!, v.data[4]!), 6)
    const all = normExceptDim(v, null)
    expect(all.shape).toEqual([])
    expect(all.item()).toBeCloseTo(Math.hypot(...v.data), 6)
  })
})

describe('weightNorm', () => {
  it('replaces weight by weight_g and weight_v and keeps the function', () => {
    const layer = new Linear(4, 3, { generator: gen })
    const x = randn([2, 4], { generator: gen })
    const before = layer.forward(x)
    const w = layer.weight.clone()
    weightNorm(layer)
    expect(Object.keys(layer.stateDict())).toEqual(['bias', 'weight_g', 'weight_v'])
    expect(layer.namedParameters().map(([n]) => n)).toEqual(['bias', 'weight_g', 'weight_v'])
    const fields = layer as unknown as Record<string, Tensor>
    expect(fields.weight_g!.shape).toEqual([3, 1])
    close(fields.weight_v!, w)
    expect(layer.weight).not.toBeInstanceOf(Parameter)
    close(layer.forward(x), before, 1e-6)
  })

  it('recomputes w = g·v/‖v‖ at each forward', () => {
    const layer = weightNorm(new Linear(3, 2, { generator: gen }), { dim: null })
    const fields = layer as unknown as Record<string, Tensor>
    fields.weight_g!.fill_(2)
    layer.forward(randn([1, 3], { generator: gen }))
    const v = fields.weight_v!
    const norm = Math.hypot(...v.data)
    for (let i = 0; i < v.size; i++)
      expect(layer.weight.data[i]).toBeCloseTo((2 * v.data[i]!) / norm, 6)
  })

  it.each([0, 1, null])('passes gradCheck for g and v with dim %s', (dim) => {
    const layer = weightNorm(new Conv2d(2, 3, 2, { generator: gen }), { dim })
    const fields = layer as unknown as Record<string, Tensor>
    const x = randn([1, 2, 3, 3], { generator: gen })
    const g = fields.weight_g!
    const v = fields.weight_v!
    const result = gradCheck(() => layer.forward(x), [g, v])
    expect(result.failures).toEqual([])
  })

  it('loads a state dict with weight_g and weight_v', () => {
    const a = weightNorm(new Linear(3, 2, { generator: gen }))
    const b = weightNorm(new Linear(3, 2, { generator: gen }))
    b.loadStateDict(a.stateDict())
    const x = randn([4, 3], { generator: gen })
    close(b.forward(x), a.forward(x), 0)
  })

  it('refuses a missing parameter, a second application and a bad dim', () => {
    const layer = new Linear(3, 2, { generator: gen })
    expect(() => weightNorm(layer, { name: 'kernel' })).toThrow(/Linear has no parameter 'kernel'/)
    expect(() => weightNorm(layer, { dim: 2 })).toThrow(ArgumentError)
    expect(() => weightNorm(layer, { dim: -1 })).toThrow(/or null for one norm/)
    weightNorm(layer)
    expect(() => weightNorm(layer)).toThrow(/already weight-normalized/)
  })
})
