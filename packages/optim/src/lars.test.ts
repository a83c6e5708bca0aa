import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { worstMismatch } from '../fixtures/optimizers'
import { createOptimizer } from './create-optimizer'
import { lars } from './lars'

const start = { w: [0.5, -1.5, 2, 0.25], b: [0, 0] }
const target = { w: [1, 1, -1, 0], b: [0.5, -2] }
const norm = (x: number[]) => Math.sqrt(x.reduce((s, v) => s + v * v, 0))

/** LARS as written in You et al. 2017, in float64: v ← μv + γ·η‖w‖/‖u‖·u, w ← w − v. */
function reference(
  steps: number,
  lr: number,
  mu: number,
  wd: number,
  eta: number,
  adapt: (name: string) => boolean,
) {
  const w: Record<string, number[]> = { w: [...start.w], b: [...start.b] }
  const v: Record<string, number[]> = { w: [0, 0, 0, 0], b: [0, 0] }
  for (let s = 0; s < steps; s++) {
    for (const name of ['w', 'b'] as const) {
      const p = w[name]!
      const g = p.map((x, i) => x - target[name][i]!)
      const u = adapt(name) ? g.map((gi, i) => gi + wd * p[i]!) : g
      const wn = norm(p)
      const un = norm(u)
      const trust = adapt(name) && wn > 0 && un > 0 ? (eta * wn) / un : 1
      v[name] = v[name]!.map((vi, i) => mu * vi + lr * trust * u[i]!)
      w[name] = p.map((x, i) => x - v[name]![i]!)
    }
  }
  return w
}

function run(steps: number, make: ReturnType<typeof lars>) {
  const params = {
    w: new Tensor(Float32Array.from(start.w), [2, 2]),
    b: new Tensor(Float32Array.from(start.b), [2]),
  }
  const opt = createOptimizer(params, make)
  for (let s = 0; s < steps; s++) {
    for (const name of ['w', 'b'] as const) {
      const p = params[name]
      p.grad = new Tensor(
        Float32Array.from(p.data, (x, i) => x - target[name][i]!),
        p.shape,
      )
    }
    opt.step()
  }
  return params
}

describe('lars', () => {
  it('matches the LARS update, with the zero-norm guard on the zero bias', () => {
    const got = run(6, lars({ lr: 2, momentum: 0.9, weightDecay: 0.01, trustCoefficient: 0.02 }))
    const want = reference(6, 2, 0.9, 0.01, 0.02, () => true)
    expect(worstMismatch(got.w.data, want.w!).excess).toBeLessThanOrEqual(0)
    expect(worstMismatch(got.b.data, want.b!).excess).toBeLessThanOrEqual(0)
  })

  it('leaves masked-out parameters to plain momentum SGD', () => {
    const got = run(
      5,
      lars({ lr: 0.5, momentum: 0.8, weightDecay: 0.1, trustCoefficient: 0.05, mask: 'w' }),
    )
    const want = reference(5, 0.5, 0.8, 0.1, 0.05, (name) => name === 'w')
    expect(worstMismatch(got.w.data, want.w!).excess).toBeLessThanOrEqual(0)
    expect(worstMismatch(got.b.data, want.b!).excess).toBeLessThanOrEqual(0)
  })

  it('exposes its hyperparameters', () => {
    const opt = createOptimizer({ w: new Tensor(Float32Array.of(1), []) }, lars({ lr: 1 }))
    expect({ ...opt.hyper }).toEqual({
      weightDecay: 0,
      trustCoefficient: 0.001,
      lr: 1,
      momentum: 0.9,
    })
  })
})
