import {
  ArgumentError,
  Generator,
  Module,
  Parameter,
  randn,
  StateError,
  Tensor,
  zeros,
} from '@knack/core'
import { Linear, ReLU, Sequential } from '@knack/nn'
import { createOptimizer, sgd } from '@knack/optim'
import { Trainer } from '@knack/trainer'
import { describe, expect, it } from 'vitest'
import { fakeContext } from '../../test/fake-context'
import { type Polyak, type PolyakOptions, polyak, polyakDecay } from './polyak'

/** A parameter `w`, a float buffer `running` and an int buffer `count`, set by hand. */
class Probe extends Module<[Tensor], Tensor> {
  w = new Parameter(zeros([2]))
  constructor() {
    super()
    this.registerBuffer('running', zeros([1]))
    this.registerBuffer('count', new Tensor(Int32Array.of(0), []))
  }
  forward(x: Tensor): Tensor {
    return x.mul(this.w)
  }
}
const buffer = (m: Probe, name: string) => m.namedBuffers().find(([n]) => n === name)![1]

/** Weights after optimizer updates 1, 2, 3, 4. */
const WEIGHTS = [
  [1, 2],
  [3, 0],
  [5, 4],
  [0, 0],
]

/** Drives `afterOptimizerStep` over WEIGHTS; returns the eval weights after each update. */
function drive(options: PolyakOptions, plugin: Polyak = polyak(options), model = new Probe()) {
  const ctx = fakeContext(model)
  plugin.fitStart!(ctx)
  const seen: (Record<string, number[]> | null)[] = []
  WEIGHTS.forEach((w, i) => {
    model.w.data.set(w)
    buffer(model, 'running').data[0] = 10 * (i + 1)
    buffer(model, 'count').data[0] = i + 1
    ctx.step = i + 1
    plugin.afterOptimizerStep!(ctx)
    const ev = plugin.evalWeights()
    seen.push(ev && Object.fromEntries(Object.entries(ev).map(([k, t]) => [k, Array.from(t.data)])))
  })
  plugin.fitEnd!(ctx)
  return { seen, model, plugin }
}

function expectClose(got: number[] | undefined, want: number[]) {
  expect(got).toHaveLength(want.length)
  want.forEach((v, i) => {
    expect(Math.abs(got![i]! - v)).toBeLessThanOrEqual(1e-6 + 1e-6 * Math.abs(v))
  })
}

describe('polyakDecay', () => {
  it('is the decay, or min(decay, (1 + t)/(10 + t)) with warmup', () => {
    expect(polyakDecay(0.99, 1, false)).toBe(0.99)
    expect(polyakDecay(0.99, 1, true)).toBeCloseTo(2 / 11, 12)
    expect(polyakDecay(0.99, 8, true)).toBeCloseTo(0.5, 12)
    expect(polyakDecay(0.99, 1000, true)).toBe(0.99)
  })
})

describe('polyak', () => {
  it('EMA: copies at the first update, then avg ← d·avg + (1 − d)·w', () => {
    const { seen } = drive({ decay: 0.5 })
    // [1,2] → ½[1,2] + ½[3,0] = [2,1] → ½[2,1] + ½[5,4] = [3.5,2.5] → ½[3.5,2.5] = [1.75,1.25]
    expectClose(seen[0]!.w, [1, 2])
    expectClose(seen[1]!.w, [2, 1])
    expectClose(seen[2]!.w, [3.5, 2.5])
    expectClose(seen[3]!.w, [1.75, 1.25])
  })

  it('EMA with warmup uses d_t = min(decay, (1 + t)/(10 + t))', () => {
    const { seen } = drive({ decay: 0.9, warmup: true })
    const d1 = 2 / 11
    const d2 = 3 / 12
    const d3 = 4 / 13
    const a1 = [1, 2]
    const a2 = [d1 * 1 + (1 - d1) * 3, d1 * 2 + (1 - d1) * 0]
    const a3 = [d2 * a2[0]! + (1 - d2) * 5, d2 * a2[1]! + (1 - d2) * 4]
    const a4 = [d3 * a3[0]!, d3 * a3[1]!]
    expectClose(seen[0]!.w, a1)
    expectClose(seen[1]!.w, a2)
    expectClose(seen[2]!.w, a3)
    expectClose(seen[3]!.w, a4)
  })

  it('uniform mode is the running mean of the updates (SWA)', () => {
    const { seen } = drive({ mode: 'uniform' })
    expectClose(seen[0]!.w, [1, 2])
    expectClose(seen[1]!.w, [2, 1])
    expectClose(seen[2]!.w, [3, 2])
    expectClose(seen[3]!.w, [2.25, 1.5])
  })

  it('starts after startStep updates and averages every `every` updates', () => {
    const late = drive({ decay: 0.5, startStep: 2 })
    expect(late.seen[0]).toBeNull()
    expect(late.seen[1]).toBeNull()
    expectClose(late.seen[2]!.w, [5, 4])
    expectClose(late.seen[3]!.w, [2.5, 2])
    const sparse = drive({ decay: 0.5, every: 2 })
    expect(sparse.seen[0]).toBeNull()
    expectClose(sparse.seen[1]!.w, [3, 0])
    expectClose(sparse.seen[2]!.w, [3, 0])
    expectClose(sparse.seen[3]!.w, [1.5, 0])
    expect(sparse.plugin.updates).toBe(2)
  })

  it('copies buffers unless averageBuffers, and always copies integer buffers', () => {
    const copied = drive({ decay: 0.5 })
    expect(copied.seen[3]!.running).toEqual([40])
    expect(copied.seen[3]!.count).toEqual([4])
    const averaged = drive({ decay: 0.5, averageBuffers: true })
    // 10 → 15 → 22.5 → 31.25
    expectClose(averaged.seen[3]!.running, [31.25])
    expect(averaged.seen[3]!.count).toEqual([4])
  })

  it('copies the average into the model at fitEnd unless applyAtEnd is false', () => {
    expect(Array.from(drive({ decay: 0.5 }).model.w.data)).toEqual([1.75, 1.25])
    expect(Array.from(drive({ decay: 0.5, applyAtEnd: false }).model.w.data)).toEqual([0, 0])
  })

  it('keeps the average in its state and resumes from it exactly', () => {
    const plugin = polyak({ decay: 0.5, name: 'ema' })
    expect(plugin.stateKey).toBe('ema')
    expect(plugin.stateDict!()).toEqual({ mode: 'ema', updates: 0, average: null })
    const model = new Probe()
    const ctx = fakeContext(model)
    plugin.fitStart!(ctx)
    for (const [i, w] of WEIGHTS.slice(0, 2).entries()) {
      model.w.data.set(w)
      ctx.step = i + 1
      plugin.afterOptimizerStep!(ctx)
    }
    const state = plugin.stateDict!()
    expect(state.updates).toBe(2)
    expect(Array.from(state.average!.w!.data)).toEqual([2, 1])
    expect(Object.keys(state.average!)).toEqual(['w', 'running', 'count'])

    const resumed = polyak({ decay: 0.5 })
    resumed.loadStateDict!(state)
    const ctx2 = fakeContext(model)
    resumed.fitStart!(ctx2)
    for (const [i, w] of WEIGHTS.entries()) {
      if (i < 2) continue
      model.w.data.set(w)
      ctx2.step = i + 1
      resumed.afterOptimizerStep!(ctx2)
    }
    expect(Array.from(resumed.evalWeights()!.w!.data)).toEqual([1.75, 1.25])
    expect(() => polyak({ mode: 'uniform' }).loadStateDict!(state)).toThrow(StateError)
    expect(() => polyak({ mode: 'uniform' }).loadStateDict!(state)).toThrow(
      /^polyak.loadStateDict: the state was saved in 'ema' mode/,
    )
  })

  it('starts a fresh average at each fit unless a state was loaded', () => {
    const { plugin } = drive({ decay: 0.5 })
    plugin.fitStart!(fakeContext(new Probe()))
    expect(plugin.evalWeights()).toBeNull()
    expect(plugin.updates).toBe(0)
  })

  it('refuses bad options', () => {
    expect(() => polyak({ decay: 1.5 })).toThrow(ArgumentError)
    expect(() => polyak({ every: 0 })).toThrow(/^polyak: every must be an integer ≥ 1, got 0/)
    expect(() => polyak({ startStep: -1 })).toThrow(ArgumentError)
    // @ts-expect-error: an unknown mode is refused at run time too.
    expect(() => polyak({ mode: 'swa' })).toThrow(/^polyak: mode must be 'ema' or 'uniform'/)
  })

  it('makes the Trainer evaluate the average and train on the raw weights', async () => {
    const g = new Generator(2)
    const inputs = randn([24, 3], { generator: g })
    const targets = new Tensor(
      Int32Array.from({ length: 24 }, (_, i) => (i * 7) % 3),
      [24],
    )
    const train = [0, 1, 2].map((b) => ({
      inputs: new Tensor(inputs.data.slice(b * 24, b * 24 + 24), [8, 3]),
      targets: new Tensor(targets.data.slice(b * 8, b * 8 + 8), [8]),
    }))
    const validation = [{ inputs, targets }]
    const makeModel = () =>
      new Sequential(
        new Linear(3, 6, { generator: new Generator(3) }),
        new ReLU(),
        new Linear(6, 3, { generator: new Generator(4) }),
      )
    const run = async (plugins: Polyak[]) => {
      const model = makeModel()
      const trainer = new Trainer({
        model,
        optimizer: createOptimizer(model, sgd({ lr: 0.3 })),
        plugins,
      })
      const result = await trainer.fit(train, { epochs: 2, validation })
      return { model, trainer, result }
    }
    const plain = await run([])
    const ema = polyak({ decay: 0.6, applyAtEnd: false })
    const averaged = await run([ema])
    // Training is untouched by the averaging (the weights were swapped back after evaluation).
    expect(averaged.model.stateDict()).toEqual(plain.model.stateDict())
    expect(ema.updates).toBe(6)
    // The logged validation loss is that of the averaged weights.
    const check = makeModel()
    check.loadStateDict(ema.evalWeights()!)
    const checkTrainer = new Trainer({
      model: check,
      optimizer: createOptimizer(check, sgd({ lr: 0 })),
    })
    const { loss } = await checkTrainer.evaluate(validation)
    expect(averaged.result.history[1]!.val_loss).toBeCloseTo(loss!, 6)
    expect(averaged.result.history[1]!.val_loss).not.toBeCloseTo(
      plain.result.history[1]!.val_loss!,
      4,
    )
  })
})
