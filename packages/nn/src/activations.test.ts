import {
  ArgumentError,
  elu,
  Generator,
  gelu,
  leakyRelu,
  randn,
  relu,
  selu,
  sigmoid,
  silu,
  softplus,
  tanh,
} from '@knack/core'
import { describe, expect, it } from 'vitest'
import { ELU, GELU, LeakyReLU, ReLU, SELU, Sigmoid, SiLU, Softplus, Tanh } from './activations'

const x = randn([3, 5], { generator: new Generator(12) }).mul(3)

describe('activation modules', () => {
  it.each([
    ['Sigmoid', new Sigmoid(), sigmoid(x)],
    ['Tanh', new Tanh(), tanh(x)],
    ['ReLU', new ReLU(), relu(x)],
    ['LeakyReLU', new LeakyReLU(), leakyRelu(x, 0.01)],
    ['LeakyReLU(0.3)', new LeakyReLU(0.3), leakyRelu(x, 0.3)],
    ['ELU', new ELU(), elu(x, 1)],
    ['ELU(0.5)', new ELU(0.5), elu(x, 0.5)],
    ['SELU', new SELU(), selu(x)],
    ['GELU', new GELU(), gelu(x)],
    ['GELU(tanh)', new GELU('tanh'), gelu(x, 'tanh')],
    ['SiLU', new SiLU(), silu(x)],
    ['Softplus(2, 3)', new Softplus(2, 3), softplus(x, 2, 3)],
  ] as const)('%s applies its function and has no parameters', (_, module, want) => {
    expect(Array.from(module.forward(x).data)).toEqual(Array.from(want.data))
    expect(module.parameters()).toEqual([])
  })

  it('refuses non-finite parameters', () => {
    expect(() => new LeakyReLU(Number.NaN)).toThrow(ArgumentError)
    expect(() => new ELU(Number.POSITIVE_INFINITY)).toThrow(
      'ELU: alpha must be a finite number, got Infinity',
    )
  })
})
