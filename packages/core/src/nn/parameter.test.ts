import { describe, expect, it } from 'vitest'
import { DTypeError } from '../errors'
import { Tensor } from '../tensor'
import { Parameter } from './parameter'

describe('Parameter', () => {
  it('is a leaf tensor that requires a gradient by default', () => {
    const p = new Parameter(new Tensor(Float32Array.from([1, 2, 3, 4]), [2, 2]))
    expect(p).toBeInstanceOf(Tensor)
    expect(p.requiresGrad).toBe(true)
    expect(p.isLeaf).toBe(true)
    expect(p.shape).toEqual([2, 2])
    expect(p.dtype).toBe('float32')
  })

  it('can be created frozen', () => {
    const p = new Parameter(new Tensor(Float32Array.from([1, 2]), [2]), false)
    expect(p.requiresGrad).toBe(false)
  })

  it('shares the storage of the tensor it wraps', () => {
    const t = new Tensor(Float32Array.from([1, 2]), [2])
    const p = new Parameter(t)
    t.data[0] = 5
    expect(p.data[0]).toBe(5)
  })

  it('is a leaf even when it wraps the result of an op', () => {
    const a = new Tensor(Float32Array.from([1, 2]), [2], true)
    const p = new Parameter(a.mul(3))
    expect(p.isLeaf).toBe(true)
    p.mul(p).sum().backward()
    expect(Array.from(p.grad!.data)).toEqual([6, 12])
    expect(a.grad).toBeNull()
  })

  it('refuses an int32 tensor that would require a gradient', () => {
    const labels = new Tensor(Int32Array.from([1, 2]), [2])
    expect(() => new Parameter(labels)).toThrow(DTypeError)
    expect(() => new Parameter(labels)).toThrow(/Parameter: only float32.*int32 of shape \[2\]/)
    expect(new Parameter(labels, false).dtype).toBe('int32')
  })

  it('says it is a parameter when printed', () => {
    const p = new Parameter(new Tensor(Float32Array.from([1, 2]), [2]))
    expect(p.toString()).toBe('Parameter(Tensor([2], float32, [1,2]))')
  })
})
