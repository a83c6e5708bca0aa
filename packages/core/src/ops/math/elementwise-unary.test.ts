import { describe, expect, it } from 'vitest'
import { noGrad } from '../../autograd/grad-mode'
import { Tensor } from '../../tensor'
import { elementwiseUnary } from './elementwise-unary'

const double = (x: Tensor, outDType?: 'float32' | 'same') =>
  elementwiseUnary(
    'double',
    x,
    (v, out) => {
      for (let i = 0; i < v.length; i++) out[i] = 2 * v[i]!
    },
    (g, _v, _y, dx) => {
      for (let i = 0; i < dx.length; i++) dx[i] = 2 * g[i]!
    },
    outDType,
  )

describe('elementwiseUnary', () => {
  it('keeps the shape and writes float32 unless asked to keep the dtype', () => {
    const i = new Tensor(Int32Array.of(1, 2, 3, 4), [2, 2])
    expect(double(i).dtype).toBe('float32')
    expect(double(i).shape).toEqual([2, 2])
    expect(double(i, 'same').dtype).toBe('int32')
    expect(double(i, 'same').toArray()).toEqual([
      [2, 4],
      [6, 8],
    ])
  })

  it('records the backward kernel only when the input needs a gradient', () => {
    expect(double(new Tensor(Float32Array.of(1), [])).gradFn).toBeNull()
    const x = new Tensor(Float32Array.of(1, -3), [2], true)
    const y = double(x)
    expect(y.gradFn?.name).toBe('double')
    y.backward(new Tensor(Float32Array.of(1, 10), [2]))
    expect(Array.from(x.grad!.data)).toEqual([2, 20])
    expect(noGrad(() => double(x)).requiresGrad).toBe(false)
  })
})
