import { Generator, gradCheck, type Module, randn, ShapeError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { ReLU } from './activations'
import { Linear } from './linear'
import { isResidualBlock, Residual } from './residual'
import { Sequential } from './sequential'

const g = new Generator(8)

describe('Residual', () => {
  it('computes x + f(x) and names its children body and projection', () => {
    const body = new Sequential(new Linear(4, 4, { generator: g }), new ReLU())
    const block = new Residual(body)
    const x = randn([3, 4], { generator: g })
    const want = x.add(body.forward(x))
    expect(Array.from(block.forward(x).data)).toEqual(Array.from(want.data))
    expect(Object.keys(block.stateDict())).toEqual(['body.0.weight', 'body.0.bias'])
    expect(block.residualBranch()).toEqual([body])
  })

  it('adds a projection of the input when given one, and passes gradCheck', () => {
    const body = new Linear(4, 2, { generator: g })
    const projection = new Linear(4, 2, { bias: false, generator: g })
    const block = new Residual(body, { projection })
    expect(block.namedChildren().map(([n]) => n)).toEqual(['body', 'projection'])
    const x = randn([3, 4], { generator: g, requiresGrad: true })
    const result = gradCheck(
      (t, w) => {
        projection.weight = w as typeof projection.weight
        return block.forward(t!)
      },
      [x, projection.weight],
    )
    expect(result.ok, JSON.stringify(result.failures)).toBe(true)
  })

  it('explains a shape mismatch between branch and shortcut', () => {
    const block = new Residual(new Linear(4, 2))
    expect(() => block.forward(randn([3, 4]))).toThrow(ShapeError)
    expect(() => block.forward(randn([3, 4]))).toThrow(
      'Residual: the branch output [3,2] differs from the shortcut [3,4] (help: give the block a projection',
    )
  })

  it('is recognized as a residual block; plain modules are not', () => {
    expect(isResidualBlock(new Residual(new ReLU()))).toBe(true)
    expect(isResidualBlock(new ReLU() as Module)).toBe(false)
  })
})
