import { Generator, gradCheck, randn, selu, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import fixture from '../../fixtures/alpha-dropout.json'
import { AlphaDropout, alphaDropout } from './alpha-dropout'

/** −α′ = λα of SELU, written out independently of the implementation. */
const LAMBDA_ALPHA = 1.0507009873554805 * 1.6732632423543772

/** The affine correction by the paper's formula: kept x → a·x + b, dropped → a·α′ + b. */
function correction(p: number): { a: number; b: number; dropped: number } {
  const a = 1 / Math.sqrt((1 - p) * (1 + p * LAMBDA_ALPHA * LAMBDA_ALPHA))
  const b = a * LAMBDA_ALPHA * p
  return { a, b, dropped: -a * LAMBDA_ALPHA + b }
}

const close = (got: number, want: number) => Math.abs(got - want) <= 1e-5 + 1e-5 * Math.abs(want)

function moments(t: Tensor): { mean: number; variance: number } {
  let s = 0
  let s2 = 0
  for (const v of t.data) {
    s += v
    s2 += v * v
  }
  const mean = s / t.size
  return { mean, variance: s2 / t.size - mean * mean }
}

describe('alphaDropout', () => {
  it("uses PyTorch's affine correction (every PyTorch output is kept or dropped by it)", () => {
    for (const { p, x, y } of fixture.cases) {
      const { a, b, dropped } = correction(p)
      let nDropped = 0
      y.forEach((v, i) => {
        const isDropped = close(v, dropped)
        if (isDropped) nDropped++
        expect(isDropped || close(v, a * x[i]! + b)).toBe(true)
      })
      expect(nDropped).toBeGreaterThan(0)
      expect(nDropped).toBeLessThan(y.length)
      const ours = alphaDropout(new Tensor(Float32Array.from(x), [x.length]), p, {
        generator: new Generator(1),
      })
      ours.data.forEach((v, i) => {
        expect(close(v, dropped) || close(v, a * x[i]! + b)).toBe(true)
      })
    }
  })

  it('keeps the mean and variance of a SELU-normalized input', () => {
    const g = new Generator(6)
    const x = randn([200_000], { generator: g })
    for (const p of [0.1, 0.5]) {
      const { mean, variance } = moments(alphaDropout(x, p, { generator: g }))
      expect(Math.abs(mean)).toBeLessThan(0.01)
      expect(Math.abs(variance - 1)).toBeLessThan(0.02)
    }
    // Through a SELU layer the statistics stay near (0, 1) as well.
    const h = selu(alphaDropout(x, 0.2, { generator: g }))
    const after = moments(h)
    expect(Math.abs(after.mean)).toBeLessThan(0.05)
    expect(Math.abs(after.variance - 1)).toBeLessThan(0.1)
  })

  it('is the identity when not training or p = 0, and zeros when p = 1', () => {
    const x = new Tensor(Float32Array.of(1, -2, 3), [3])
    expect(alphaDropout(x, 0.5, { training: false })).toBe(x)
    expect(alphaDropout(x, 0)).toBe(x)
    expect(Array.from(alphaDropout(x, 1).data)).toEqual([0, 0, 0])
  })

  it('passes gradCheck with a fixed mask', () => {
    const x = new Tensor(
      Float32Array.from({ length: 12 }, (_, i) => Math.sin(i)),
      [3, 4],
      true,
    )
    const fn = (t: Tensor) => alphaDropout(t, 0.3, { generator: new Generator(2) })
    expect(gradCheck(fn, [x]).ok).toBe(true)
  })
})

describe('AlphaDropout', () => {
  it('drops in training mode and is the identity in eval mode', () => {
    const layer = new AlphaDropout(0.5, { generator: new Generator(3) })
    const x = randn([64], { generator: new Generator(4) })
    const { dropped } = correction(0.5)
    expect(layer.forward(x).data.some((v) => close(v, dropped))).toBe(true)
    layer.eval()
    expect(layer.forward(x)).toBe(x)
  })
})
