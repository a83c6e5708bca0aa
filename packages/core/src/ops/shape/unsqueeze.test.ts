import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError } from '../../errors'
import { Tensor } from '../../tensor'
import { unsqueeze } from './unsqueeze'

const x = new Tensor(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3])

describe('unsqueeze', () => {
  it('inserts a size-1 dimension, sharing storage', () => {
    expect(unsqueeze(x, 0).shape).toEqual([1, 2, 3])
    expect(unsqueeze(x, 1).shape).toEqual([2, 1, 3])
    expect(unsqueeze(x, 2).shape).toEqual([2, 3, 1])
    expect(unsqueeze(x, 0).data).toBe(x.data)
  })

  it('counts negative dimensions from the end of the result', () => {
    expect(unsqueeze(x, -1).shape).toEqual([2, 3, 1])
    expect(unsqueeze(x, -3).shape).toEqual([1, 2, 3])
    expect(unsqueeze(new Tensor(Float32Array.of(1), []), -1).shape).toEqual([1])
  })

  it('passes gradCheck', () => {
    const t = new Tensor(Float32Array.of(0.3, -1.2, 2.5), [3], true)
    expect(gradCheck((a) => unsqueeze(a, 0), [t]).ok).toBe(true)
  })

  it('rejects dimensions outside [-ndim-1, ndim]', () => {
    expect(() => unsqueeze(x, 3)).toThrow(ArgumentError)
    expect(() => unsqueeze(x, -4)).toThrow(/unsqueeze: dimension -4 is out of range/)
  })
})
