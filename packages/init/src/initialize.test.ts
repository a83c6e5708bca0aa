import {
  ArgumentError,
  Generator,
  Module,
  Parameter,
  type Tensor,
  zeros as zerosTensor,
} from '@knack/core'
import { Conv2d, Linear, ReLU, Sequential } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import { constant, ones, zeros } from './constant'
import { initialize } from './initialize'
import { kaimingNormal } from './kaiming'
import { normal } from './normal'

/** A model with a conv, a linear head and a parameter of its own. */
class Net extends Module<[Tensor], Tensor> {
  scale = new Parameter(zerosTensor([1]))
  features = new Sequential(new Conv2d(1, 2, 3), new ReLU())
  head = new Linear(8, 3)

  forward(x: Tensor): Tensor {
    return this.head.forward(this.features.forward(x).reshape([-1, 8])).mul(this.scale)
  }
}

describe('initialize', () => {
  it('applies the first matching rule by name and layer type, and reports what it did', () => {
    const net = new Net()
    const report = initialize(
      net,
      [
        { layer: Conv2d, match: 'weight', init: constant(2) },
        { layer: [Linear], match: 'weight', init: ones() },
        { match: 'bias', init: zeros() },
        { match: /^head\./, init: constant(9) },
        { match: 'gamma', init: ones() },
      ],
      { seed: 0 },
    )
    expect(report.applied.map((a) => [a.name, a.rule, a.init])).toEqual([
      ['features.0.weight', 0, 'constant(2)'],
      ['features.0.bias', 2, 'zeros'],
      ['head.weight', 1, 'ones'],
      ['head.bias', 2, 'zeros'],
    ])
    expect(report.applied[0]!.shape).toEqual([2, 1, 3, 3])
    expect(report.unmatched).toEqual(['scale'])
    expect(report.unusedRules).toEqual([3, 4])
    expect(
      net.features
        .at(0)
        .parameters()[0]!
        .data.every((v) => v === 2),
    ).toBe(true)
    expect(net.head.weight.data.every((v) => v === 1)).toBe(true)
    expect(net.head.bias!.data.every((v) => v === 0)).toBe(true)
  })

  it('matches globs on the full name or the parameter’s own name, and RegExps anywhere', () => {
    const net = new Net()
    const names = (match: string | RegExp) =>
      initialize(net, [{ match, init: ones() }]).applied.map((a) => a.name)
    expect(names('weight')).toEqual(['features.0.weight', 'head.weight'])
    expect(names('features.*.bias')).toEqual(['features.0.bias'])
    expect(names('head.*')).toEqual(['head.weight', 'head.bias'])
    expect(names('features.**')).toEqual(['features.0.weight', 'features.0.bias'])
    expect(names('eight')).toEqual([])
    expect(names(/ead\.b/)).toEqual(['head.bias'])
  })

  it('is reproducible with a seed or a generator, and a rule without conditions matches all', () => {
    const rules = [{ match: 'weight', init: kaimingNormal() }, { init: normal(0, 0.1) }]
    const a = new Net()
    const b = new Net()
    initialize(a, rules, { seed: 42 })
    initialize(b, rules, { generator: new Generator(42) })
    expect(a.stateDict()).toEqual(b.stateDict())
    expect(a.scale.data[0]).not.toBe(0)
    expect(() => initialize(a, rules, { seed: 1, generator: new Generator(1) })).toThrow(
      'initialize: got both a seed and a generator',
    )
  })

  it('changes nothing when a scheme fails, and names the rule and the parameter', () => {
    const net = new Net()
    const before = net.stateDict()
    const rules = [{ match: 'head.*', init: kaimingNormal() }]
    expect(() => initialize(net, rules)).toThrow(ArgumentError)
    expect(() => initialize(net, rules)).toThrow(
      /rule 0 \(kaimingNormal\(a=0, mode=fanIn, nonlinearity=leaky_relu\)\) cannot initialize 'head.bias' \[3\], nothing was changed: fans:/,
    )
    expect(net.stateDict()).toEqual(before)
  })

  it('refuses malformed rules', () => {
    const net = new Net()
    expect(() => initialize(net, [{ match: 'weight' } as never])).toThrow(
      'initialize: rule 0 has no init function',
    )
    expect(() => initialize(net, [{ match: 3 as never, init: ones() }])).toThrow(ArgumentError)
    expect(() => initialize(net, [{ layer: 'Linear' as never, init: ones() }])).toThrow(
      /rule 0: layer must be a module class/,
    )
  })
})
