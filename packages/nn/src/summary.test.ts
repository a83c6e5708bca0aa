import { Module, randn, type Tensor } from '@knack/core'
import { describe, expect, it, vi } from 'vitest'
import { ReLU } from './activations'
import { Conv2d } from './conv2d'
import { Flatten } from './flatten'
import { Linear } from './linear'
import { MaxPool2d } from './max-pool2d'
import { Sequential } from './sequential'
import { summary } from './summary'

function smallCnn() {
  return new Sequential(
    new Sequential(new Conv2d(1, 4, 3, { padding: 1 }), new ReLU(), new MaxPool2d(2)),
    new Flatten(),
    new Linear(4 * 14 * 14, 10),
  )
}

describe('summary', () => {
  it('lists every call with its output shape and own parameter count, then the totals', () => {
    const model = smallCnn()
    const s = summary(model, [2, 1, 28, 28], { print: false })
    expect(s.rows.map((r) => [r.name, r.type, r.depth, r.outputShape, r.params])).toEqual([
      ['0', 'Sequential', 0, [2, 4, 14, 14], 0],
      ['0.0', 'Conv2d', 1, [2, 4, 28, 28], 4 * 9 + 4],
      ['0.1', 'ReLU', 1, [2, 4, 28, 28], 0],
      ['0.2', 'MaxPool2d', 1, [2, 4, 14, 14], 0],
      ['1', 'Flatten', 0, [2, 784], 0],
      ['2', 'Linear', 0, [2, 10], 7850],
    ])
    expect(s.outputShape).toEqual([2, 10])
    expect(s.totalParams).toBe(40 + 7850)
    expect(s.trainableParams).toBe(7890)
    expect(s.nonTrainableParams).toBe(0)
    expect(s.table).toContain('Model: Sequential')
    expect(s.table).toContain('Total params: 7,890')
    expect(s.table).toMatch(/ {2}0\.0 \(Conv2d\) +\[2,4,28,28\] +40\n/)
  })

  it('prints by default, counts frozen parameters, and leaves the model as it was', () => {
    const model = smallCnn()
    model.at(2).requiresGrad_(false)
    model.at(0).eval()
    const modes = model.modules().map((m) => m.training)
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const s = summary(model, randn([1, 1, 28, 28]))
    expect(log).toHaveBeenCalledWith(s.table)
    log.mockRestore()
    expect(s.nonTrainableParams).toBe(7850)
    expect(s.table).toContain('Non-trainable params: 7,850')
    expect(model.modules().map((m) => m.training)).toEqual(modes)
    expect(model.parameters().every((p) => p.grad === null)).toBe(true)
    // The hooks are gone: a second summary sees each call once.
    expect(summary(model, [1, 1, 28, 28], { print: false }).rows).toHaveLength(6)
  })

  it('shows one row per call of a shared module and tuple outputs', () => {
    class Twice extends Module<[Tensor], Tensor[]> {
      fc = new Linear(3, 3)
      forward(x: Tensor): Tensor[] {
        const y = this.fc.forward(x)
        return [y, this.fc.forward(y)]
      }
    }
    const s = summary(new Twice(), [5, 3], { print: false })
    expect(s.rows.map((r) => r.name)).toEqual(['fc', 'fc'])
    expect(s.outputShape).toEqual([
      [5, 3],
      [5, 3],
    ])
    expect(s.table).toContain('Output shape: [5,3] [5,3]')
  })
})
