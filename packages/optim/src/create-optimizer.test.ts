import {
  ArgumentError,
  DTypeError,
  type GradientTransform,
  type OptimizerState,
  ShapeError,
  StateError,
  Tensor,
} from '@knack/core'
import { describe, expect, it } from 'vitest'
import { adam } from './adam'
import { chain } from './chain'
import { clipByGlobalNorm } from './clip-by-global-norm'
import { createOptimizer } from './create-optimizer'
import { NonFiniteGradientError } from './errors'
import { multiSteps } from './multi-steps'
import { sgd } from './sgd'

const makeParams = () => ({
  'layer.weight': new Tensor(Float32Array.of(1, -2, 3, 0.5), [2, 2], true),
  'layer.bias': new Tensor(Float32Array.of(0.1, -0.1), [2], true),
})
type Params = ReturnType<typeof makeParams>

/** Deterministic gradients: step `k` gives `bias` none when `k` is odd. */
function setGrads(params: Params, k: number): void {
  const w = params['layer.weight']
  w.grad = new Tensor(
    Float32Array.from(w.data, (x, i) => x * 0.5 + Math.sin(k + i)),
    w.shape,
  )
  const b = params['layer.bias']
  b.grad =
    k % 2 === 1
      ? null
      : new Tensor(
          Float32Array.from(b.data, (x) => x - Math.cos(k)),
          b.shape,
        )
}

const values = (params: Params) => Object.values(params).map((p) => Array.from(p.data))

describe('createOptimizer', () => {
  it('binds a Module-like source and skips parameters without a gradient, as PyTorch', () => {
    const params = makeParams()
    const module = { namedParameters: () => Object.entries(params) }
    const opt = createOptimizer(module, sgd({ lr: 0.1, momentum: 0.9 }))
    expect(Object.keys(opt.params)).toEqual(['layer.weight', 'layer.bias'])
    params['layer.weight'].grad = new Tensor(Float32Array.of(1, 1, 1, 1), [2, 2])
    opt.step()
    expect(Array.from(params['layer.bias'].data)).toEqual([0.1, -0.1].map(Math.fround))
    expect(params['layer.weight'].data[0]).toBeCloseTo(0.9, 6)
    expect(opt.stateDict().buffers['layer.bias']).toEqual({})
    expect(Object.keys(opt.stateDict().buffers['layer.weight']!)).toEqual(['momentum_buffer'])
    expect(opt.stepCount).toBe(1)
    opt.zeroGrad()
    expect(params['layer.weight'].grad).toBeNull()
  })

  it('refuses a tensor listed twice and non-float parameters', () => {
    const t = new Tensor(Float32Array.of(1), [])
    expect(() => createOptimizer({ a: t, b: t }, sgd({ lr: 1 }))).toThrow(
      /the same tensor is given as a and as b/,
    )
    expect(() => createOptimizer({ i: new Tensor(Int32Array.of(1), []) }, sgd({ lr: 1 }))).toThrow(
      DTypeError,
    )
  })

  it('passes extras to the transform', () => {
    const seen: unknown[] = []
    const spy: GradientTransform<null> = {
      init: () => null,
      update: (_g, s, _p, e) => {
        seen.push(e)
        return { updates: {}, state: s }
      },
    }
    createOptimizer(makeParams(), spy).step({ loss: 0.5 })
    expect(seen).toEqual([{ loss: 0.5 }])
  })

  describe('hyper', () => {
    it('evaluates schedules at the current step and keeps a hand-set value until deleted', () => {
      const params = makeParams()
      const opt = createOptimizer(params, sgd({ lr: (step) => 0.1 * 0.5 ** step }))
      expect(opt.hyper.lr).toBe(0.1)
      setGrads(params, 0)
      opt.step()
      expect(opt.hyper.lr).toBe(0.05)
      opt.hyper.lr = 1e-4
      for (let k = 1; k < 3; k++) {
        setGrads(params, k)
        opt.step()
      }
      expect(opt.hyper.lr).toBe(1e-4)
      expect(opt.stateDict().hyper).toEqual({ lr: 1e-4 })
      delete opt.hyper.lr
      expect(opt.hyper.lr).toBe(0.1 * 0.5 ** 3)
      expect('lr' in opt.hyper).toBe(true)
      expect('beta1' in opt.hyper).toBe(false)
    })

    it('uses a hand-set value in the next step', () => {
      const params = { w: new Tensor(Float32Array.of(1), []) }
      const opt = createOptimizer(params, sgd({ lr: 0.1 }))
      opt.hyper.lr = 0.5
      params.w.grad = new Tensor(Float32Array.of(1), [])
      opt.step()
      expect(params.w.data[0]).toBe(0.5)
    })

    it('refuses unknown names and invalid values', () => {
      const opt = createOptimizer(makeParams(), adam())
      expect(opt.hyper.nope).toBeUndefined()
      expect(() => {
        opt.hyper.nope = 1
      }).toThrow(
        /unknown hyperparameter nope \(help: this optimizer has: weightDecay, beta1, beta2, eps, lr\)/,
      )
      expect(() => {
        opt.hyper.beta1 = 1
      }).toThrow(ArgumentError)
      expect(opt.hyper.beta1).toBe(0.9)
    })
  })

  describe('state dict', () => {
    const make = () =>
      chain(clipByGlobalNorm(5), multiSteps(sgd({ lr: 0.1, momentum: 0.9, dampening: 0.1 }), 2))

    it('round-trips: a restored optimizer continues exactly like the original', () => {
      const a = makeParams()
      const optA = createOptimizer(a, make())
      for (let k = 0; k < 5; k++) {
        setGrads(a, k)
        optA.step()
      }
      optA.hyper.momentum = 0.5
      const saved = optA.stateDict()
      expect(saved.step).toBe(5)
      expect(saved.hyper).toEqual({ momentum: 0.5 })
      expect(Object.keys(saved.buffers['layer.weight']!).sort()).toEqual([
        'acc_grad',
        'momentum_buffer',
      ])
      expect(Object.keys(saved.scalars!)).toEqual([
        '0.preClipNorm',
        '1.miniStep',
        '1.inner.0.hyper.count',
        '1.inner.1.hyper.count',
        '1.inner.2.hyper.count',
      ])
      const b = makeParams()
      b['layer.weight'].data.set(a['layer.weight'].data)
      b['layer.bias'].data.set(a['layer.bias'].data)
      const optB = createOptimizer(b, make())
      optB.loadStateDict(saved)
      saved.buffers['layer.weight']!.momentum_buffer!.data.fill(1e9)
      expect(optB.stepCount).toBe(5)
      expect(optB.hyper.momentum).toBe(0.5)
      for (let k = 5; k < 10; k++) {
        setGrads(a, k)
        setGrads(b, k)
        optA.step()
        optB.step()
      }
      expect(values(b)).toEqual(values(a))
      expect(optB.stateDict()).toEqual(optA.stateDict())
    })

    it('refuses, changing nothing, a state whose names, shapes or values differ', () => {
      const params = makeParams()
      const opt = createOptimizer(params, make())
      for (let k = 0; k < 3; k++) {
        setGrads(params, k)
        opt.step()
      }
      const good = opt.stateDict()
      const variants: [string, (s: OptimizerState) => void, RegExp][] = [
        [
          'missing parameter',
          (s) => delete s.buffers['layer.bias'],
          /parameter names differ: missing layer.bias/,
        ],
        ['extra parameter', (s) => (s.buffers.other = {}), /unexpected other/],
        [
          'wrong shape',
          (s) => (s.buffers['layer.weight']!.acc_grad = new Tensor(new Float32Array(4), [4])),
          /buffer acc_grad of layer.weight should be a float32 tensor of shape \[2,2\], got a float32 tensor of shape \[4\]/,
        ],
        [
          'unknown buffer',
          (s) => (s.buffers['layer.bias']!.exp_avg = new Tensor(new Float32Array(2), [2])),
          /buffer names of layer.bias differ: unexpected exp_avg/,
        ],
        ['unknown hyperparameter', (s) => (s.hyper.beta1 = 0.9), /unknown hyperparameter beta1/],
        ['bad hyperparameter', (s) => (s.hyper.lr = -1), /lr must be a finite number ≥ 0/],
        [
          'missing scalar',
          (s) => delete s.scalars!['1.miniStep'],
          /state values differ: missing 1.miniStep/,
        ],
        ['bad step', (s) => (s.step = -1), /step must be an integer ≥ 0/],
      ]
      for (const [what, edit, message] of variants) {
        const bad = opt.stateDict()
        bad.buffers['layer.weight']!.momentum_buffer!.data.fill(7)
        bad.hyper.momentum = 0.1
        edit(bad)
        expect(() => opt.loadStateDict(bad), what).toThrow(StateError)
        expect(() => opt.loadStateDict(bad), what).toThrow(message)
        expect(opt.stateDict(), what).toEqual(good)
      }
    })

    it('lets a lazily created buffer be absent', () => {
      const params = makeParams()
      const fresh = createOptimizer(params, sgd({ lr: 0.1, momentum: 0.9 })).stateDict()
      const opt = createOptimizer(params, sgd({ lr: 0.1, momentum: 0.9 }))
      setGrads(params, 0)
      opt.step()
      const stepped = opt.stateDict()
      opt.loadStateDict(fresh)
      expect(opt.stateDict()).toEqual(fresh)
      expect(() => createOptimizer(params, adam()).loadStateDict(stepped)).toThrow(
        /buffer names of layer.weight differ: missing step, exp_avg, exp_avg_sq; unexpected momentum_buffer/,
      )
    })
  })

  describe('in-place steps', () => {
    it('reuses its state buffers and leaves the gradients alone', () => {
      const params = makeParams()
      const opt = createOptimizer(params, adam({ lr: 0.1 }))
      setGrads(params, 0)
      opt.step()
      const expAvg = opt.state[1].buffers['layer.weight']!.exp_avg
      setGrads(params, 2)
      const grad = Array.from(params['layer.weight'].grad!.data)
      opt.step()
      expect(opt.state[1].buffers['layer.weight']!.exp_avg).toBe(expAvg)
      expect(Array.from(params['layer.weight'].grad!.data)).toEqual(grad)
      expect(opt.stateDict().buffers['layer.weight']!.step!.item()).toBe(2)
    })

    it('changes nothing when a transform late in the chain throws', () => {
      const params = makeParams()
      let fail = false
      const lr = (step: number) => {
        if (fail) throw new Error('no learning rate today')
        return 0.1 / (1 + step)
      }
      const opt = createOptimizer(params, adam({ lr }))
      setGrads(params, 0)
      opt.step()
      const before = opt.stateDict()
      const paramsBefore = values(params)
      setGrads(params, 2)
      fail = true
      expect(() => opt.step()).toThrow('no learning rate today')
      expect(values(params)).toEqual(paramsBefore)
      expect(opt.stateDict()).toEqual(before)
      expect(opt.stepCount).toBe(1)
      fail = false
      opt.step()
      expect(opt.stateDict().buffers['layer.weight']!.step!.item()).toBe(2)
    })
  })

  describe('non-finite gradients', () => {
    it('refuses the step, naming the first bad parameter, and changes nothing', () => {
      const params = makeParams()
      const opt = createOptimizer(params, adam({ lr: 0.1 }))
      setGrads(params, 0)
      opt.step()
      const before = opt.stateDict()
      const paramsBefore = values(params)
      const state = opt.state
      setGrads(params, 2)
      params['layer.bias'].grad!.data[1] = Number.NaN
      expect(() => opt.step()).toThrow(NonFiniteGradientError)
      expect(() => opt.step()).toThrow(/step: gradient of layer.bias holds NaN at index 1 of 2/)
      params['layer.weight'].grad!.data[3] = Number.NEGATIVE_INFINITY
      expect(() => opt.step()).toThrow(/gradient of layer.weight holds -Infinity at index 3/)
      expect(values(params)).toEqual(paramsBefore)
      expect(opt.state).toBe(state)
      expect(opt.stateDict()).toEqual(before)
      expect(opt.stepCount).toBe(1)
    })

    it('finds a bad value anywhere in a long gradient, tail included', () => {
      const params = { w: new Tensor(new Float32Array(1003), [1003]) }
      const opt = createOptimizer(params, sgd({ lr: 0.1 }))
      for (const [index, bad] of [
        [1002, Number.POSITIVE_INFINITY],
        [502, Number.NaN],
        [0, Number.NEGATIVE_INFINITY],
      ] as const) {
        const grad = new Float32Array(1003).fill(3e38)
        grad[index] = bad
        params.w.grad = new Tensor(grad, [1003])
        expect(() => opt.step()).toThrow(`holds ${bad} at index ${index} of 1003`)
      }
      params.w.grad = new Tensor(new Float32Array(1003).fill(3e38), [1003])
      opt.step()
      expect(params.w.data[0]).toBeCloseTo(-3e37, -32)
    })

    it('lets them through with checkFinite: false', () => {
      const params = { w: new Tensor(Float32Array.of(1), []) }
      const opt = createOptimizer(params, sgd({ lr: 0.1 }), { checkFinite: false })
      params.w.grad = new Tensor(Float32Array.of(Number.NaN), [])
      opt.step()
      expect(params.w.data[0]).toBeNaN()
    })

    it('refuses a gradient of the wrong shape before changing anything', () => {
      const params = makeParams()
      const opt = createOptimizer(params, sgd({ lr: 0.1 }))
      setGrads(params, 0)
      params['layer.bias'].grad = new Tensor(Float32Array.of(1, 2, 3), [3])
      const before = values(params)
      expect(() => opt.step()).toThrow(ShapeError)
      expect(values(params)).toEqual(before)
    })
  })
})
