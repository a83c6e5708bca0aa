import { clamp, Generator, randn, type Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { ReLU, Tanh } from './activations'
import { convReluMaxPool } from './conv-relu-max-pool'
import { Conv2d } from './conv2d'
import { MaxPool2d } from './max-pool2d'
import { Sequential } from './sequential'

const g = new Generator(8)

/** Names of the autograd nodes from `y` back to the leaves, depth first. */
function opNames(y: Tensor): string[] {
  const names: string[] = []
  const walk = (t: Tensor) => {
    if (t.gradFn === null) return
    names.push(t.gradFn.name)
    for (const input of t.gradFn.inputs) walk(input)
  }
  walk(y)
  return names
}

describe('convReluMaxPool', () => {
  it('fuses Conv2d → ReLU → MaxPool2d running their own forward, and nothing else', () => {
    const conv = new Conv2d(1, 2, 3, { generator: g })
    const pool = new MaxPool2d(2)
    expect(convReluMaxPool([conv, new ReLU(), pool], 0)).not.toBeNull()
    expect(convReluMaxPool([new Tanh(), conv, new ReLU(), pool], 1)).not.toBeNull()
    expect(convReluMaxPool([conv, new Tanh(), pool], 0)).toBeNull()
    expect(convReluMaxPool([conv, new ReLU()], 0)).toBeNull()
    class CappedReLU extends ReLU {
      override forward(x: Tensor): Tensor {
        return clamp(x, 0, 6)
      }
    }
    expect(convReluMaxPool([conv, new CappedReLU(), pool], 0)).toBeNull()
    // A forward hook must see its module's call.
    const hooked = new ReLU()
    hooked.registerForwardHook(() => undefined)
    expect(convReluMaxPool([conv, hooked, pool], 0)).toBeNull()
  })

  it('lets Sequential run the block as one op with the same values and gradients', () => {
    const conv = new Conv2d(2, 4, 3, { padding: 1, generator: g })
    const pool = new MaxPool2d(2, { stride: 1, padding: 1 })
    const seq = new Sequential(conv, new ReLU(), pool, new Tanh())
    const x = randn([3, 2, 6, 5], { generator: g })
    const fused = seq.forward(x)
    expect(opNames(fused).slice(0, 2)).toEqual(['tanh', 'conv2dReluMaxPool2d'])
    fused.sum().backward()
    const fusedGrads = [conv.weight.grad!.data, conv.bias!.grad!.data]
    conv.weight.grad = null
    conv.bias!.grad = null
    const chained = new Tanh().forward(pool.forward(new ReLU().forward(conv.forward(x))))
    chained.sum().backward()
    expect(fused.data).toEqual(chained.data)
    expect(fusedGrads).toEqual([conv.weight.grad!.data, conv.bias!.grad!.data])
  })
})
