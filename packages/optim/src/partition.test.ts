import { ArgumentError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { createOptimizer } from './create-optimizer'
import { partition } from './partition'
import { setToZero } from './set-to-zero'
import { sgd } from './sgd'

const makeParams = () => ({
  'backbone.conv.weight': new Tensor(Float32Array.of(1, 1), [2]),
  'backbone.conv.bias': new Tensor(Float32Array.of(1), [1]),
  'head.weight': new Tensor(Float32Array.of(1, 1), [2]),
})
const setGrads = (params: ReturnType<typeof makeParams>) => {
  for (const p of Object.values(params))
    p.grad = new Tensor(new Float32Array(p.size).fill(1), p.shape)
}

describe('partition', () => {
  it('gives each group its own transform and hyperparameters, named by group', () => {
    const params = makeParams()
    const opt = createOptimizer(
      params,
      partition({ backbone: sgd({ lr: 0.01 }), head: sgd({ lr: 0.1, momentum: 0.9 }) }, [
        ['backbone.**', 'backbone'],
        ['**', 'head'],
      ]),
    )
    expect(Object.keys(opt.hyper).sort()).toEqual([
      'backbone.dampening',
      'backbone.lr',
      'backbone.momentum',
      'backbone.weightDecay',
      'head.dampening',
      'head.lr',
      'head.momentum',
      'head.weightDecay',
    ])
    setGrads(params)
    opt.step()
    expect(Array.from(params['backbone.conv.weight'].data)).toEqual([0.99, 0.99].map(Math.fround))
    expect(Array.from(params['head.weight'].data)).toEqual([0.9, 0.9].map(Math.fround))
    opt.hyper['backbone.lr'] = 0
    opt.step()
    expect(Array.from(params['backbone.conv.bias'].data)).toEqual([Math.fround(0.99)])
    expect(params['head.weight'].data[0]).toBeCloseTo(0.9 - 0.1 * 1.9, 6)
  })

  it('labels by function, and freezes a group with setToZero', () => {
    const params = makeParams()
    const opt = createOptimizer(
      params,
      partition({ frozen: setToZero(), trained: sgd({ lr: 0.5 }) }, (name) =>
        name.startsWith('backbone') ? 'frozen' : 'trained',
      ),
    )
    setGrads(params)
    opt.step()
    expect(Array.from(params['backbone.conv.weight'].data)).toEqual([1, 1])
    expect(Array.from(params['head.weight'].data)).toEqual([0.5, 0.5])
  })

  it('refuses a label that is not a group, a parameter no rule matches, and no groups', () => {
    const params = makeParams()
    expect(() => partition({ a: sgd({ lr: 1 }) }, () => 'b').init(params)).toThrow(
      /labelled "b", which is not a group/,
    )
    expect(() => partition({ a: sgd({ lr: 1 }) }, [['head.*', 'a']]).init(params)).toThrow(
      /parameter backbone.conv.weight matches no rule/,
    )
    expect(() => partition({}, () => 'a')).toThrow(ArgumentError)
  })
})
