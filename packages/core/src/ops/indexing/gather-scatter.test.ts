import { describe, expect, it } from 'vitest'
import { ShapeError } from '../../errors'
import { checkGatherShapes, gatherInto, scatterAddInto } from './gather-scatter'

describe('gather/scatter kernels', () => {
  it('gather along dim 0 writes the values with the given strides', () => {
    // self [[1,2],[3,4]], index [[1,0]] → values [[3,2]] written into a [2,2] box at row 0
    const values = new Float32Array(4)
    gatherInto(Float32Array.of(1, 2, 3, 4), [2, 2], 0, Int32Array.of(1, 0), [1, 2], values, [2, 1])
    expect(Array.from(values)).toEqual([3, 2, 0, 0])
  })

  it('scatter-add is its adjoint and accumulates repeats', () => {
    const self = new Float32Array(4)
    scatterAddInto(
      self,
      [2, 2],
      1,
      Int32Array.of(1, 1, 0, 1),
      [2, 2],
      Float32Array.of(1, 2, 3, 4),
      [2, 1],
    )
    expect(Array.from(self)).toEqual([0, 3, 3, 4])
  })

  it('checks the number of dimensions and the sizes outside dim', () => {
    expect(() => checkGatherShapes('gather', [2, 3], 1, [2, 5])).not.toThrow()
    expect(() => checkGatherShapes('gather', [2, 3], 1, [3, 1])).toThrow(ShapeError)
    expect(() => checkGatherShapes('gather', [2, 3], 1, [3, 1])).toThrow(
      /gather: shapes do not fit along dimension 1: x, index = \[2,3\], \[3,1\]/,
    )
    expect(() => checkGatherShapes('gather', [2, 3], 0, [2])).toThrow(ShapeError)
    expect(() => checkGatherShapes('gather', [], 0, [])).toThrow(ShapeError)
    expect(() => checkGatherShapes('scatterAdd', [2, 3], 0, [4, 2], [4, 2])).not.toThrow()
    expect(() => checkGatherShapes('scatterAdd', [2, 3], 0, [2, 2], [1, 2])).toThrow(
      /x, index, src = \[2,3\], \[2,2\], \[1,2\]/,
    )
    expect(() => checkGatherShapes('scatterAdd', [2, 3], 0, [2, 2], [2, 2, 1])).toThrow(ShapeError)
  })
})
