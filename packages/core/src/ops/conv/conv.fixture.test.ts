import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Tensor } from '../../tensor'
import { matmul } from '../linalg/matmul'
import { type AvgPool2dOptions, avgPool2d } from './avg-pool2d'
import { type Conv2dOptions, conv2d } from './conv2d'
import { type MaxPool2dOptions, maxPool2d } from './max-pool2d'

/** A tensor as written by fixtures/conv.py. */
interface Stored {
  shape: number[]
  data: number[]
}

interface Case {
  name: string
  w: Stored
  out: Stored
}

interface Fixture {
  matmul: (Case & { a: Stored; b: Stored; gradA: Stored; gradB: Stored })[]
  conv2d: (Case & {
    options: Conv2dOptions
    input: Stored
    weight: Stored
    bias: Stored | null
    gradInput: Stored
    gradWeight: Stored
    gradBias: Stored | null
  })[]
  maxPool2d: (Case & { options: MaxPool2dOptions; input: Stored; gradInput: Stored })[]
  avgPool2d: (Case & { options: AvgPool2dOptions; input: Stored; gradInput: Stored })[]
}

const fixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/conv.json', import.meta.url), 'utf8'),
) as Fixture

const load = (s: Stored, requiresGrad = true) =>
  new Tensor(Float32Array.from(s.data), s.shape, requiresGrad)

/** |got − want| ≤ 1e-5 + 1e-5·|want| element by element (the fixture holds float64 truth). */
function expectMatches(got: Tensor | null, want: Stored, what: string) {
  expect(got, what).not.toBeNull()
  expect(got!.shape, what).toEqual(want.shape)
  want.data.forEach((v, i) => {
    const err = Math.abs(got!.data[i]! - v)
    if (err > 1e-5 + 1e-5 * Math.abs(v)) {
      throw new Error(`${what}[${i}]: got ${got!.data[i]}, PyTorch ${v}`)
    }
  })
}

/** Runs `fn`, back-propagates the fixture's weights `w` (gradient of Σ out·w). */
function forwardBackward(fn: () => Tensor, c: Case): Tensor {
  const out = fn()
  out.backward(load(c.w, false))
  return out
}

describe('PyTorch fixtures (fixtures/conv.py)', () => {
  for (const c of fixture.matmul) {
    it(`matmul: ${c.name}`, () => {
      const a = load(c.a)
      const b = load(c.b)
      expectMatches(
        forwardBackward(() => matmul(a, b), c),
        c.out,
        'out',
      )
      expectMatches(a.grad, c.gradA, 'grad a')
      expectMatches(b.grad, c.gradB, 'grad b')
    })
  }

  for (const c of fixture.conv2d) {
    it(`conv2d: ${c.name}`, () => {
      const input = load(c.input)
      const weight = load(c.weight)
      const bias = c.bias ? load(c.bias) : null
      expectMatches(
        forwardBackward(() => conv2d(input, weight, bias, c.options), c),
        c.out,
        'out',
      )
      expectMatches(input.grad, c.gradInput, 'grad input')
      expectMatches(weight.grad, c.gradWeight, 'grad weight')
      if (c.gradBias) expectMatches(bias!.grad, c.gradBias, 'grad bias')
    })
  }

  for (const c of fixture.maxPool2d) {
    it(`maxPool2d: ${c.name}`, () => {
      const input = load(c.input)
      expectMatches(
        forwardBackward(() => maxPool2d(input, c.options), c),
        c.out,
        'out',
      )
      expectMatches(input.grad, c.gradInput, 'grad input')
    })
  }

  for (const c of fixture.avgPool2d) {
    it(`avgPool2d: ${c.name}`, () => {
      const input = load(c.input)
      expectMatches(
        forwardBackward(() => avgPool2d(input, c.options), c),
        c.out,
        'out',
      )
      expectMatches(input.grad, c.gradInput, 'grad input')
    })
  }

  it('covers the configurations the fixture promises', () => {
    expect(fixture.conv2d.length).toBeGreaterThanOrEqual(5)
    expect(fixture.conv2d.some((c) => c.bias === null)).toBe(true)
    expect(fixture.conv2d.some((c) => c.options.groups === 2)).toBe(true)
    expect(fixture.conv2d.some((c) => c.options.dilation === 2)).toBe(true)
  })
})
