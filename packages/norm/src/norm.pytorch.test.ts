import { type Module, noGrad, type Tensor, tensor } from '@knack/core'
import { Conv2d, Linear } from '@knack/nn'
import { describe, expect, it } from 'vitest'
import fixture from '../fixtures/norm.json'
import { BatchNorm1d, BatchNorm2d, type BatchNormBase } from './batch-norm'
import { GroupNorm } from './group-norm'
import { LayerNorm } from './layer-norm'
import { weightNorm } from './weight-norm'

interface Encoded {
  shape: number[]
  data: number[]
}

interface RunningState {
  running_mean: Encoded
  running_var: Encoded
  num_batches_tracked: number
}

/** Forward and backward of one module call, as recorded by fixtures/norm.py. */
interface Pass {
  input: Encoded
  gradOutput: Encoded
  output: Encoded
  gradInput: Encoded
  [grad: `grad_${string}`]: Encoded
}

const decode = (e: Encoded): Tensor => tensor(Float32Array.from(e.data), { shape: e.shape })

/** |a − b| ≤ 1e-5 + 1e-5·|b| elementwise, with the worst offender in the message. */
function expectClose(what: string, actual: Tensor, expected: Encoded): void {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape)
  let worst = -1
  let excess = 0
  for (let i = 0; i < expected.data.length; i++) {
    const b = expected.data[i]!
    const over = Math.abs(actual.data[i]! - b) - (1e-5 + 1e-5 * Math.abs(b))
    if (over > excess) {
      excess = over
      worst = i
    }
  }
  expect(
    worst,
    worst < 0 ? what : `${what}[${worst}]: ${actual.data[worst]} vs ${expected.data[worst]}`,
  ).toBe(-1)
}

function loadParams(module: Module, params: Record<string, Encoded | undefined>): void {
  const state: Record<string, Tensor> = {}
  for (const [name, value] of Object.entries(params)) if (value) state[name] = decode(value)
  module.loadStateDict(state, { strict: false })
}

/** Runs `module` forward and backward like the fixture did and compares everything. */
function checkPass(what: string, module: Module<[Tensor], Tensor>, pass: Pass): void {
  for (const p of module.parameters()) p.grad = null
  const x = decode(pass.input).requiresGrad_()
  const y = module.forward(x)
  expectClose(`${what} output`, y, pass.output)
  y.backward(decode(pass.gradOutput))
  expectClose(`${what} input gradient`, x.grad!, pass.gradInput)
  for (const [name, p] of module.namedParameters()) {
    const expected = pass[`grad_${name}`]
    expect(expected, `${what}: the fixture has a gradient for ${name}`).toBeDefined()
    expectClose(`${what} ${name} gradient`, p.grad!, expected!)
  }
}

function checkRunning(what: string, bn: BatchNormBase, state: RunningState | null): void {
  if (state === null) {
    expect(bn.running_mean).toBeNull()
    return
  }
  expectClose(`${what} running_mean`, bn.running_mean!, state.running_mean)
  expectClose(`${what} running_var`, bn.running_var!, state.running_var)
  expect(bn.num_batches_tracked!.item()).toBe(state.num_batches_tracked)
}

const batchNormLayers = { BatchNorm1d, BatchNorm2d }

describe('normalization layers agree with PyTorch 1.13', () => {
  it('uses a fixture from PyTorch 1.13', () => {
    expect(fixture.torch).toMatch(/^1\.13/)
  })

  describe('batch normalization: training and eval forward, backward, running statistics', () => {
    it.each(fixture.batchNorm.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const Layer = batchNormLayers[c.layer as keyof typeof batchNormLayers]
      const bn = new Layer(c.numFeatures, c.options)
      loadParams(bn, c.params)
      expect(Object.keys(bn.stateDict())).toEqual(c.stateDictKeys)
      checkPass('train', bn, c.train as Pass)
      checkRunning('train', bn, c.train.state)
      bn.eval()
      checkPass('eval', bn, c.eval as Pass)
    })
  })

  describe('batch normalization: running statistics over several batches', () => {
    it.each(fixture.runningStats.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const Layer = batchNormLayers[c.layer as keyof typeof batchNormLayers]
      const bn = new Layer(c.numFeatures, { momentum: c.momentum })
      loadParams(bn, c.params)
      c.batches.forEach((batch, i) => {
        const y = noGrad(() => bn.forward(decode(batch.input)))
        expectClose(`batch ${i} output`, y, batch.output)
        checkRunning(`after batch ${i}`, bn, batch.state)
      })
      bn.eval()
      checkPass('eval', bn, c.eval as Pass)
    })
  })

  describe('layer normalization', () => {
    it.each(fixture.layerNorm.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const ln = new LayerNorm(c.normalizedShape, c.options)
      loadParams(ln, c.params)
      checkPass('LayerNorm', ln, c as unknown as Pass)
    })
  })

  describe('group normalization', () => {
    it.each(fixture.groupNorm.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const gn = new GroupNorm(c.numGroups, c.numChannels, c.options)
      loadParams(gn, c.params)
      checkPass('GroupNorm', gn, c as unknown as Pass)
    })
  })

  describe('weight normalization', () => {
    it.each(fixture.weightNorm.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const layer = c.layer === 'Linear' ? new Linear(5, 3) : new Conv2d(2, 3, 3, { padding: 1 })
      loadParams(layer, c.plain)
      weightNorm(layer, { dim: c.dim })
      const fields = layer as unknown as Record<string, Tensor>
      expectClose('initial weight_g', fields.weight_g!, c.initial.weight_g)
      expectClose('initial weight_v', fields.weight_v!, c.initial.weight_v)
      expect(Object.keys(layer.stateDict())).toEqual(c.stateDictKeys)
      loadParams(layer, c.updated)
      checkPass('weight norm', layer, c as unknown as Pass)
      expectClose('recomputed weight', fields.weight!, c.weight)
    })
  })
})
