import { ArgumentError, gradCheck, Module, noGrad, Parameter, Tensor } from '@knack/core'
import { Linear } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import { penalty } from './penalty'

class GroupNorm extends Module<[Tensor], Tensor> {
  weight = new Parameter(new Tensor(Float32Array.of(3, -3), [2]))
  forward(x: Tensor): Tensor {
    return x
  }
}

/** fc.weight = [[1, -2], [0.5, 0]], fc.bias = [4, -4], norm.weight = [3, -3], head.weight = [[-1, 2]]. */
class Net extends Module<[Tensor], Tensor> {
  fc = new Linear(2, 2)
  norm = new GroupNorm()
  head = new Linear(2, 1, { bias: false })
  constructor() {
    super()
    this.fc.weight.data.set([1, -2, 0.5, 0])
    this.fc.bias!.data.set([4, -4])
    this.head.weight.data.set([-1, 2])
  }
  forward(x: Tensor): Tensor {
    return x
  }
}

describe('penalty', () => {
  // Default selection: fc.weight and head.weight. Σ|w| = 3.5 + 3 = 6.5, Σw² = 5.25 + 5 = 10.25.
  it('computes L1, L2 and elastic net by hand, excluding biases and norm layers', () => {
    const net = new Net()
    expect(penalty(net, { l1: 0.1 }).item()).toBeCloseTo(0.65, 6)
    expect(penalty(net, { l2: 0.01 }).item()).toBeCloseTo(0.1025, 6)
    expect(penalty(net, { l1: 0.1, l2: 0.01 }).item()).toBeCloseTo(0.7525, 6)
    // Everything: + bias (8, 32) + norm scale (6, 18).
    expect(penalty(net, { l1: 1, l2: 1, exclude: [] }).item()).toBeCloseTo(6.5 + 10.25 + 40 + 24, 4)
    expect(penalty(net, { l2: 1, include: 'head.*' }).item()).toBeCloseTo(5, 6)
    expect(penalty(net, {}).item()).toBe(0)
  })

  it('gives λ₁·sign(w) + 2λ₂·w as the gradient, nothing to excluded parameters', () => {
    const net = new Net()
    penalty(net, { l1: 0.5, l2: 0.25 }).backward()
    expect(Array.from(net.fc.weight.grad!.data)).toEqual([1, -1.5, 0.75, 0])
    expect(Array.from(net.head.weight.grad!.data)).toEqual([-1, 1.5])
    expect(net.fc.bias!.grad).toBeNull()
    expect(net.norm.weight.grad).toBeNull()
  })

  it('passes gradCheck', () => {
    const net = new Net()
    net.fc.weight.data.set([1.3, -2.1, 0.4, -0.7])
    const params = [net.fc.weight, net.head.weight]
    expect(gradCheck(() => penalty(net, { l1: 0.3, l2: 0.2 }), params).ok).toBe(true)
  })

  it('records no graph under noGrad', () => {
    expect(noGrad(() => penalty(new Net(), { l2: 1 })).requiresGrad).toBe(false)
  })

  it('refuses negative or non-finite strengths', () => {
    expect(() => penalty(new Net(), { l2: -1 })).toThrow(ArgumentError)
    expect(() => penalty(new Net(), { l1: Number.POSITIVE_INFINITY })).toThrow(
      /^penalty: l1 must be a finite number ≥ 0, got Infinity/,
    )
  })
})
