import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { add } from './add'
import { div } from './div'
import { mul } from './mul'
import { neg } from './neg'
import { sub } from './sub'

const t = (values: number[], shape: number[], requiresGrad = true) =>
  new Tensor(Float32Array.from(values), shape, requiresGrad)

describe('arithmetic', () => {
  it('adds with broadcasting', () => {
    const a = t([1, 2, 3, 4, 5, 6], [2, 3], false)
    const b = t([10, 20, 30], [3], false)
    expect(add(a, b).toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ])
    expect(add(b.reshape([3, 1]), t([1, 2], [1, 2], false)).toArray()).toEqual([
      [11, 12],
      [21, 22],
      [31, 32],
    ])
  })

  it('names both shapes when they do not broadcast', () => {
    expect(() => add(t([1, 2], [2], false), t([1, 2, 3], [3], false))).toThrow(ShapeError)
    expect(() => add(t([1, 2], [2], false), t([1, 2, 3], [3], false))).toThrow(/\[2\] and \[3\]/)
  })

  it('keeps int32 for int32 operands and divides to float32', () => {
    const i = new Tensor(Int32Array.of(7, 8), [2])
    expect(add(i, i).dtype).toBe('int32')
    expect(div(i, i).dtype).toBe('float32')
  })

  it.each([
    ['add', add],
    ['sub', sub],
    ['mul', mul],
    ['div', div],
  ] as const)('%s passes gradCheck with broadcasting', (_, op) => {
    const a = t([0.5, -1.2, 2.1, 0.7, 1.3, -0.4], [2, 3])
    const b = t([1.5, -0.8, 2.2], [1, 3])
    expect(gradCheck(op, [a, b]).ok).toBe(true)
    const c = t([1.1, 1.7], [2, 1])
    expect(gradCheck(op, [a, c]).ok).toBe(true)
  })

  it('neg passes gradCheck', () => {
    expect(gradCheck(neg, [t([1, -2, 3], [3])]).ok).toBe(true)
  })

  it('accumulates gradients across backward calls and through shared inputs', () => {
    const x = t([2, 3], [2])
    mul(x, x).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([4, 6])
    add(x, x).sum().backward()
    expect(Array.from(x.grad!.data)).toEqual([6, 8])
  })
})
