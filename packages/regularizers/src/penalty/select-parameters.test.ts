import { ArgumentError, Module, Parameter, type Tensor, zeros } from '@knack/core'
import { Linear, Sequential } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import { isBiasOrNormParameter, isNormLayer, selectParameters } from './select-parameters'

/** Stands in for `@knack/norm`'s LayerNorm: recognised by its class name. */
class LayerNorm extends Module<[Tensor], Tensor> {
  weight = new Parameter(zeros([2]))
  bias = new Parameter(zeros([2]))
  forward(x: Tensor): Tensor {
    return x
  }
}
class BatchNormBase extends Module<[Tensor], Tensor> {
  weight = new Parameter(zeros([2]))
  forward(x: Tensor): Tensor {
    return x
  }
}
class CustomBN extends BatchNormBase {}

class Net extends Module<[Tensor], Tensor> {
  embedding = new Parameter(zeros([3, 2]))
  body = new Sequential(new Linear(2, 2), new LayerNorm(), new Linear(2, 2))
  bn = new CustomBN()
  head = new Linear(2, 1)
  frozen = new Parameter(zeros([2]), false)
  forward(x: Tensor): Tensor {
    return x
  }
}

const names = (model: Module, selection?: Parameters<typeof selectParameters>[1]) =>
  selectParameters(model, selection).map(([n]) => n)

describe('selectParameters', () => {
  it('excludes biases, normalization layers and frozen parameters by default', () => {
    expect(names(new Net())).toEqual(['embedding', 'body.0.weight', 'body.2.weight', 'head.weight'])
  })

  it('recognises norm layers by class name, subclasses included', () => {
    expect(isNormLayer(new LayerNorm())).toBe(true)
    expect(isNormLayer(new CustomBN())).toBe(true)
    expect(isNormLayer(new Linear(1, 1))).toBe(false)
    const net = new Net()
    const info = { name: 'bn.weight', param: net.bn.weight, module: net.bn }
    expect(isBiasOrNormParameter(info)).toBe(true)
  })

  it('selects by glob, RegExp, module class and predicate', () => {
    const net = new Net()
    expect(names(net, { include: 'body.**' })).toEqual(['body.0.weight', 'body.2.weight'])
    expect(names(net, { include: /head/, exclude: [] })).toEqual(['head.weight', 'head.bias'])
    expect(names(net, { include: Linear })).toEqual([
      'body.0.weight',
      'body.2.weight',
      'head.weight',
    ])
    expect(names(net, { include: (i) => i.param.ndim === 2, exclude: [] })).toEqual([
      'embedding',
      'body.0.weight',
      'body.2.weight',
      'head.weight',
    ])
    expect(names(net, { include: ['embedding', '*.weight'] })).toEqual(['embedding', 'head.weight'])
  })

  it('replaces the default exclusion when exclude is given', () => {
    const net = new Net()
    expect(names(net, { exclude: [] })).toEqual([
      'embedding',
      'body.0.weight',
      'body.0.bias',
      'body.1.weight',
      'body.1.bias',
      'body.2.weight',
      'body.2.bias',
      'bn.weight',
      'head.weight',
      'head.bias',
    ])
    expect(names(net, { exclude: [isBiasOrNormParameter, 'embedding'] })).toEqual([
      'body.0.weight',
      'body.2.weight',
      'head.weight',
    ])
  })

  it('lists a shared parameter once', () => {
    const shared = new Linear(2, 2)
    const model = new Sequential(shared, shared)
    expect(names(model)).toEqual(['0.weight'])
  })

  it('refuses a predicate that does not return a boolean, and a bad rule', () => {
    const net = new Net()
    const bad = (() => 1) as unknown as () => boolean
    expect(() => selectParameters(net, { include: bad }, 'penalty')).toThrow(ArgumentError)
    expect(() => selectParameters(net, { include: bad }, 'penalty')).toThrow(
      /^penalty: a selection predicate returned number for embedding/,
    )
    expect(() => selectParameters(net, { include: 42 as unknown as string })).toThrow(
      /^selectParameters: a selection rule must be a name pattern/,
    )
  })
})
