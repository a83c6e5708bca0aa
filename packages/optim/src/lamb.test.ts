import { Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { worstMismatch } from '../fixtures/optimizers'
import { createOptimizer } from './create-optimizer'
import { lamb } from './lamb'

const start = { w: [0.5, -1.5, 2, 0.25], b: [0, 0.3] }
const target = { w: [1, 1, -1, 0], b: [0.5, -2] }
const norm = (x: number[]) => Math.sqrt(x.reduce((s, v) => s + v * v, 0))

/** LAMB as written in You et al. 2019 (Algorithm 2), in float64. */
function reference(
  steps: number,
  lr: number,
  b1: number,
  b2: number,
  eps: number,
  wd: number,
  adapt: (n: string) => boolean,
) {
  const w: Record<string, number[]> = { w: [...start.w], b: [...start.b] }
  const m: Record<string, number[]> = { w: [0, 0, 0, 0], b: [0, 0] }
  const v: Record<string, number[]> = { w: [0, 0, 0, 0], b: [0, 0] }
  for (let t = 1; t <= steps; t++) {
    for (const name of ['w', 'b'] as const) {
      const p = w[name]!
      const g = p.map((x, i) => x - target[name][i]!)
      m[name] = m[name]!.map((mi, i) => b1 * mi + (1 - b1) * g[i]!)
      v[name] = v[name]!.map((vi, i) => b2 * vi + (1 - b2) * g[i]! * g[i]!)
      const r = m[name]!.map(
        (mi, i) => mi / (1 - b1 ** t) / (Math.sqrt(v[name]![i]! / (1 - b2 ** t)) + eps),
      )
      const u = adapt(name) ? r.map((ri, i) => ri + wd * p[i]!) : r
      const wn = norm(p)
      const un = norm(u)
      const trust = adapt(name) && wn > 0 && un > 0 ? wn / un : 1
      w[name] = p.map((x, i) => x - lr * trust * u[i]!)
    }
  }
  return w
}

function run(steps: number, make: ReturnType<typeof lamb>) {
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

describe('lamb', () => {
  it('matches the LAMB update', () => {
    const got = run(6, lamb({ lr: 0.05, betas: [0.8, 0.95], eps: 1e-6, weightDecay: 0.05 }))
    const want = reference(6, 0.05, 0.8, 0.95, 1e-6, 0.05, () => true)
    expect(worstMismatch(got.w.data, want.w!).excess).toBeLessThanOrEqual(0)
    expect(worstMismatch(got.b.data, want.b!).excess).toBeLessThanOrEqual(0)
  })

  it('gives masked-out parameters plain Adam steps', () => {
    const got = run(5, lamb({ lr: 0.05, weightDecay: 0.1, mask: (_, p) => p.ndim > 1 }))
    const want = reference(5, 0.05, 0.9, 0.999, 1e-6, 0.1, (name) => name === 'w')
    expect(worstMismatch(got.w.data, want.w!).excess).toBeLessThanOrEqual(0)
    expect(worstMismatch(got.b.data, want.b!).excess).toBeLessThanOrEqual(0)
  })

  it('exposes its hyperparameters', () => {
    const opt = createOptimizer({ w: new Tensor(Float32Array.of(1), []) }, lamb())
    expect({ ...opt.hyper }).toEqual({
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-6,
      weightDecay: 0,
      lr: 1e-3,
    })
  })
})
