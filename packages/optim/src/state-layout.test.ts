import { StateError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { chain } from './chain'
import { partition } from './partition'
import { scaleByLr } from './scale'
import { scaleByAdam } from './scale-by-adam'
import { layoutOf } from './state-layout'
import { trace } from './trace'

const params = { w: new Tensor(new Float32Array(2), [2]), b: new Tensor(new Float32Array(1), [1]) }

describe('layoutOf', () => {
  it('names buffers and hyperparameters plainly, by group inside a partition', () => {
    const t = partition(
      { main: chain(scaleByAdam(), scaleByLr(0.1)), bias: trace({ momentum: 0.9 }) },
      [
        ['w', 'main'],
        ['b', 'bias'],
      ],
    )
    const layout = layoutOf(t.init(params))
    expect([...layout.hypers.keys()]).toEqual([
      'main.beta1',
      'main.beta2',
      'main.eps',
      'main.lr',
      'bias.momentum',
    ])
    expect([...layout.buffers.get('w')!.keys()]).toEqual(['step', 'exp_avg', 'exp_avg_sq'])
    expect([...layout.buffers.get('b')!.keys()]).toEqual(['momentum_buffer'])
    expect([...layout.scalars.keys()]).toEqual([
      'groups.main.0.hyper.count',
      'groups.main.1.hyper.count',
      'groups.bias.hyper.count',
    ])
  })

  it('qualifies names two transforms share by their path in the state', () => {
    const layout = layoutOf(
      chain(scaleByAdam(), scaleByLr(1), scaleByAdam({ amsgrad: true })).init(params),
    )
    expect([...layout.hypers.keys()]).toEqual([
      '0.beta1',
      '0.beta2',
      '0.eps',
      'lr',
      '2.beta1',
      '2.beta2',
      '2.eps',
    ])
    expect([...layout.buffers.get('b')!.keys()]).toEqual([
      '0.step',
      '0.exp_avg',
      '0.exp_avg_sq',
      '2.step',
      '2.exp_avg',
      '2.exp_avg_sq',
      'max_exp_avg_sq',
    ])
  })

  it('refuses a tensor outside a buffers record', () => {
    expect(() => layoutOf({ cache: new Tensor(new Float32Array(1), []) })).toThrow(StateError)
  })
})
