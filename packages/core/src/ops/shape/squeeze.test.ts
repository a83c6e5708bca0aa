import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError } from '../../errors'
import { Tensor } from '../../tensor'
import { squeeze } from './squeeze'

const x = new Tensor(Float32Array.of(1, 2, 3, 4, 5, 6), [1, 2, 1, 3, 1])

describe('squeeze', () => {
  it('removes every size-1 dimension by default, sharing storage', () => {
    const y = squeeze(x)
    expect(y.shape).toEqual([2, 3])
    expect(y.data).toBe(x.data)
    expect(squeeze(new Tensor(Float32Array.of(9), [1, 1])).shape).toEqual([])
  })

  it('removes only the named dimensions, ignoring named ones that are not of size 1', () => {
    expect(squeeze(x, 2).shape).toEqual([1, 2, 3, 1])
    expect(squeeze(x, -1).shape).toEqual([1, 2, 1, 3])
    expect(squeeze(x, [0, 4]).shape).toEqual([2, 1, 3])
    expect(squeeze(x, 1).shape).toEqual([1, 2, 1, 3, 1])
  })

  it('passes gradCheck', () => {
    const t = new Tensor(Float32Array.of(0.3, -1.2, 2.5), [3, 1], true)
    expect(gradCheck((a) => squeeze(a, 1), [t]).ok).toBe(true)
  })

  it('rejects dimensions out of range and repeated', () => {
    expect(() => squeeze(x, 5)).toThrow(ArgumentError)
    expect(() => squeeze(x, [0, -5])).toThrow(/squeeze: repeated dimension/)
  })
})
