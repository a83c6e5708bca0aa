import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Tensor } from '../../tensor'
import { abs } from '../math/abs'
import { clamp } from '../math/clamp'
import { erf } from '../math/erf'
import { exp } from '../math/exp'
import { log } from '../math/log'
import { maximum } from '../math/maximum'
import { minimum } from '../math/minimum'
import { pow } from '../math/pow'
import { sqrt } from '../math/sqrt'
import { elu } from './elu'
import { gelu } from './gelu'
import { leakyRelu } from './leaky-relu'
import { relu } from './relu'
import { selu } from './selu'
import { sigmoid } from './sigmoid'
import { silu } from './silu'
import { softplus } from './softplus'
import { tanh } from './tanh'

interface FixtureTensor {
  shape: number[]
  data: number[]
}

/** One case written by fixtures/activations.py: args of null mean "the default". */
interface FixtureCase {
  name: string
  op: string
  args: Record<string, number | string | null>
  inputs: FixtureTensor[]
  weight: number[]
  output: FixtureTensor
  grads: (number[] | null)[]
}

const fixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/activations.json', import.meta.url), 'utf8'),
) as { cases: FixtureCase[] }

type Args = FixtureCase['args']
const num = (v: Args[string] | undefined): number | undefined =>
  v === null || v === undefined ? undefined : Number(v)

const ops: Record<string, (x: Tensor[], args: Args) => Tensor> = {
  sigmoid: ([x]) => sigmoid(x!),
  tanh: ([x]) => tanh(x!),
  relu: ([x]) => relu(x!),
  leakyRelu: ([x], a) => leakyRelu(x!, num(a.negativeSlope)),
  elu: ([x], a) => elu(x!, num(a.alpha)),
  selu: ([x]) => selu(x!),
  gelu: ([x], a) => gelu(x!, a.approximate as 'none' | 'tanh'),
  softplus: ([x], a) => softplus(x!, num(a.beta), num(a.threshold)),
  silu: ([x]) => silu(x!),
  exp: ([x]) => exp(x!),
  log: ([x]) => log(x!),
  sqrt: ([x]) => sqrt(x!),
  erf: ([x]) => erf(x!),
  abs: ([x]) => abs(x!),
  pow: ([x, e], a) =>
    a.base != null
      ? pow(num(a.base)!, x!)
      : a.exponent != null
        ? pow(x!, num(a.exponent)!)
        : pow(x!, e!),
  clamp: ([x], a) => clamp(x!, num(a.min), num(a.max)),
  maximum: ([x, y]) => maximum(x!, y!),
  minimum: ([x, y]) => minimum(x!, y!),
}

/** Indices where `actual` misses `expected` by more than 1e-5 + 1e-5·|expected|. */
function mismatches(actual: ArrayLike<number>, expected: number[]): string[] {
  const bad: string[] = []
  expected.forEach((b, i) => {
    const a = actual[i]!
    if (!(Math.abs(a - b) <= 1e-5 + 1e-5 * Math.abs(b))) bad.push(`[${i}] ${a} vs ${b}`)
  })
  return bad
}

describe('activations and elementwise math match PyTorch 1.13 (float32)', () => {
  it('covers every op of the fixture', () => {
    expect(fixture.cases.length).toBeGreaterThan(20)
    for (const c of fixture.cases) expect(ops[c.op], c.op).toBeDefined()
  })

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const inputs = c.inputs.map(
      (t, i) => new Tensor(Float32Array.from(t.data), t.shape, c.grads[i] !== null),
    )
    const out = ops[c.op]!(inputs, c.args)
    expect(out.shape).toEqual(c.output.shape)
    expect(mismatches(out.data, c.output.data)).toEqual([])
    out.backward(new Tensor(Float32Array.from(c.weight), out.shape))
    c.grads.forEach((grad, i) => {
      if (grad === null) return
      expect(mismatches(inputs[i]!.grad!.data, grad), `gradient of input ${i}`).toEqual([])
    })
  })
})
