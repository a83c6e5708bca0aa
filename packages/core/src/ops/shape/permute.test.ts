import { describe, expect, it } from 'vitest'
import { gradCheck } from '../../autograd/grad-check'
import { ArgumentError, ShapeError } from '../../errors'
import { Tensor } from '../../tensor'
import { permute } from './permute'

const ramp = (shape: number[], requiresGrad = true) => {
  const size = shape.reduce((a, b) => a * b, 1)
  const data = Float32Array.from({ length: size }, (_, i) => Math.sin(1.3 * i + 0.2) * 2)
  return new Tensor(data, shape, requiresGrad)
}

describe('permute', () => {
  it('moves dimensions as named', () => {
    const x = new Tensor(
      Float32Array.from({ length: 6 }, (_, i) => i),
      [1, 2, 3],
    )
    const y = permute(x, [2, 0, 1])
    expect(y.shape).toEqual([3, 1, 2])
    expect(y.toArray()).toEqual([[[0, 3]], [[1, 4]], [[2, 5]]])
  })

  it('accepts negative dims, keeps int32 and returns a copy', () => {
    const x = new Tensor(Int32Array.of(1, 2, 3, 4), [2, 2])
    const y = permute(x, [-1, 0])
    expect(y.dtype).toBe('int32')
    expect(y.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ])
    expect(permute(x, [0, 1]).data).not.toBe(x.data)
  })

  it('handles 0-d tensors and empty dimensions', () => {
    expect(permute(new Tensor(Float32Array.of(5), []), []).toArray()).toBe(5)
    expect(permute(new Tensor(new Float32Array(0), [2, 0, 3]), [2, 1, 0]).shape).toEqual([3, 0, 2])
  })

  it('passes gradCheck', () => {
    expect(gradCheck((x) => permute(x, [1, 3, 0, 2]), [ramp([2, 3, 2, 4])]).ok).toBe(true)
    expect(gradCheck((x) => permute(x, [2, 1, 0]), [ramp([3, 1, 2])]).ok).toBe(true)
  })

  it('rejects a wrong number of dims and repeated dims', () => {
    const x = ramp([2, 3], false)
    expect(() => permute(x, [0])).toThrow(ShapeError)
    expect(() => permute(x, [0])).toThrow(/permute: .*\[0\].*\[2,3\]/)
    expect(() => permute(x, [1, -1])).toThrow(ArgumentError)
    expect(() => permute(x, [1, -1])).toThrow(/dimension 1 appears twice/)
    expect(() => permute(x, [0, 2])).toThrow(/out of range/)
  })
})
