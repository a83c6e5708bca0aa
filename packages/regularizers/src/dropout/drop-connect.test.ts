import { Generator, gradCheck, Module, Parameter, ShapeError, Tensor, zeros } from '@knack/core'
import { Linear } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import { DropConnect } from './drop-connect'

function input(rows: number, features: number): Tensor {
  return new Tensor(
    Float32Array.from({ length: rows * features }, (_, i) => Math.cos(i * 0.7)),
    [rows, features],
  )
}

describe('DropConnect', () => {
  it('shares the wrapped Linear parameters under the same state-dict names', () => {
    const fc = new Linear(3, 2, { generator: new Generator(1) })
    const layer = new DropConnect(fc, 0.5)
    expect(layer.weight).toBe(fc.weight)
    expect(layer.bias).toBe(fc.bias)
    expect(layer.wrapped).toBe(fc)
    expect(Object.keys(layer.stateDict())).toEqual(['weight', 'bias'])
    expect(layer.namedParameters().map(([n]) => n)).toEqual(['weight', 'bias'])
    const plain = new Linear(3, 2, { generator: new Generator(2) })
    plain.loadStateDict(layer.stateDict())
    expect(Array.from(plain.weight.data)).toEqual(Array.from(fc.weight.data))
  })

  it('drops weights in training: each output uses W ⊙ M / (1 − p), one mask per forward', () => {
    const fc = new Linear(4, 3, { bias: false, generator: new Generator(3) })
    const layer = new DropConnect(fc, 0.5, { generator: new Generator(4) })
    const x = input(2, 4)
    const y = layer.forward(x)
    // Recover the mask from a replay of the same generator and recompute by hand.
    const replay = new DropConnect(fc, 0.5, { generator: new Generator(4) })
    const eye = new Tensor(Float32Array.of(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1), [4, 4])
    const masked = replay.forward(eye) // row k = column k of the masked weight
    const w = fc.weight.data
    for (let o = 0; o < 3; o++) {
      for (let k = 0; k < 4; k++) {
        const m = masked.data[k * 3 + o]!
        expect(m === 0 || Math.abs(m - 2 * w[o * 4 + k]!) < 1e-6).toBe(true)
      }
      for (let r = 0; r < 2; r++) {
        let s = 0
        for (let k = 0; k < 4; k++) s += x.data[r * 4 + k]! * masked.data[k * 3 + o]!
        expect(y.data[r * 3 + o]).toBeCloseTo(s, 5)
      }
    }
  })

  it('keeps the expected output of the Linear, and equals it in eval mode', () => {
    const fc = new Linear(5, 2, { generator: new Generator(5) })
    const layer = new DropConnect(fc, 0.3, { generator: new Generator(6) })
    const x = input(3, 5)
    const want = fc.forward(x)
    const draws = 4000
    const mean = new Float64Array(want.size)
    for (let d = 0; d < draws; d++) {
      const y = layer.forward(x)
      for (let i = 0; i < want.size; i++) mean[i]! += y.data[i]! / draws
    }
    for (let i = 0; i < want.size; i++)
      expect(Math.abs(mean[i]! - want.data[i]!)).toBeLessThan(0.03)
    layer.eval()
    expect(Array.from(layer.forward(x).data)).toEqual(Array.from(want.data))
  })

  it('passes gradCheck for input, weight and bias with a fixed mask', () => {
    const fc = new Linear(3, 2, { generator: new Generator(7) })
    const x = input(2, 3)
    x.requiresGrad = true
    // gradCheck perturbs the given tensors in place, so the layer sees the perturbed weights.
    const fn = (t: Tensor) => new DropConnect(fc, 0.5, { generator: new Generator(8) }).forward(t)
    expect(gradCheck(fn, [x, fc.weight, fc.bias!]).ok).toBe(true)
  })

  it('refuses a layer whose weight is not 2-D', () => {
    class Odd extends Module<[Tensor], Tensor> {
      weight = new Parameter(zeros([2, 2, 2]))
      forward(t: Tensor): Tensor {
        return t
      }
    }
    expect(() => new DropConnect(new Odd(), 0.5)).toThrow(ShapeError)
    expect(() => new DropConnect(new Odd(), 0.5)).toThrow(
      /^DropConnect: the wrapped layer's weight must be 2-D \[out_features, in_features\], got \[2,2,2\]/,
    )
  })
})
