import { ArgumentError, Generator, zeros } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { formatOptions, makeInitializer } from './initializer'

describe('makeInitializer', () => {
  it('fills by the distribution of the tensor’s shape and exposes label and distribution', () => {
    const init = makeInitializer('half', (shape) => ({ kind: 'constant', value: shape[0]! / 2 }))
    const t = zeros([6, 2])
    expect(init(t)).toBe(t)
    expect(Array.from(t.data)).toEqual(new Array(12).fill(3))
    expect(init.label).toBe('half')
    expect(init.distribution([4])).toEqual({ kind: 'constant', value: 2 })
  })

  it('draws reproducibly with a generator', () => {
    const init = makeInitializer('u', () => ({ kind: 'uniform', low: -1, high: 1 }))
    const a = init(zeros([50]), new Generator(3))
    const b = init(zeros([50]), new Generator(3))
    expect(Array.from(a.data)).toEqual(Array.from(b.data))
  })

  it('leaves empty tensors alone, and refuses random schemes on int32 tensors', () => {
    const failing = makeInitializer('fans', () => {
      throw new ArgumentError('fans', 'not for this shape')
    })
    expect(failing(zeros([0, 3])).size).toBe(0)
    const normal = makeInitializer('n', () => ({ kind: 'normal', mean: 0, std: 1 }))
    expect(() => normal(zeros([2], { dtype: 'int32' }))).toThrow(
      'n: random initialization needs a float32 tensor, got int32',
    )
    const seven = makeInitializer('c', () => ({ kind: 'constant', value: 7 }))
    expect(Array.from(seven(zeros([2], { dtype: 'int32' })).data)).toEqual([7, 7])
  })

  it('formats options for labels', () => {
    expect(formatOptions({ a: Math.sqrt(5), mode: 'fanIn' })).toBe('a=2.23607, mode=fanIn')
  })
})
