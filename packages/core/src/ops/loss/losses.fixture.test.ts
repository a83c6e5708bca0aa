import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Tensor } from '../../tensor'
import { argmax, argmin } from '../reduce/argmax-argmin'
import { logsumexp } from '../reduce/logsumexp'
import { max, min } from '../reduce/max-min'
import { std } from '../reduce/std'
import { variance } from '../reduce/variance'
import { logSoftmax } from '../softmax/log-softmax'
import { softmax } from '../softmax/softmax'
import { crossEntropy } from './cross-entropy'
import { mseLoss } from './mse-loss'
import type { Reduction } from './reduction'

interface Encoded {
  shape: number[]
  dtype: 'float32' | 'int32'
  data: number[]
}

interface Case {
  name: string
  op: string
  args: {
    dim?: number | number[]
    keepdim?: boolean
    correction?: number
    reduction?: Reduction
    labelSmoothing?: number
    ignoreIndex?: number
  }
  inputs: Record<string, Encoded>
  output: Encoded
  gradOutput?: Encoded
  grads?: Record<string, Encoded>
}

const fixture = JSON.parse(
  readFileSync(new URL('../../../fixtures/losses.json', import.meta.url), 'utf8'),
) as { cases: Case[] }

const decode = (e: Encoded, requiresGrad = false): Tensor =>
  new Tensor(
    e.dtype === 'int32' ? Int32Array.from(e.data) : Float32Array.from(e.data),
    e.shape,
    requiresGrad,
  )

type Inputs = Record<string, Tensor>

const single = (dim: Case['args']['dim']): number | undefined =>
  typeof dim === 'number' ? dim : undefined

const ops: Record<string, (t: Inputs, a: Case['args']) => Tensor> = {
  softmax: (t, a) => softmax(t.x!, single(a.dim)),
  logSoftmax: (t, a) => logSoftmax(t.x!, single(a.dim)),
  logsumexp: (t, a) => logsumexp(t.x!, a.dim!, a.keepdim),
  variance: (t, a) => variance(t.x!, a.dim, { correction: a.correction, keepdim: a.keepdim }),
  std: (t, a) => std(t.x!, a.dim, { correction: a.correction, keepdim: a.keepdim }),
  max: (t, a) => max(t.x!, a.dim, a.keepdim),
  min: (t, a) => min(t.x!, a.dim, a.keepdim),
  argmax: (t, a) => argmax(t.x!, single(a.dim), a.keepdim),
  argmin: (t, a) => argmin(t.x!, single(a.dim), a.keepdim),
  crossEntropy: (t, a) =>
    crossEntropy(t.logits!, t.target!, {
      weight: t.weight,
      reduction: a.reduction,
      labelSmoothing: a.labelSmoothing,
      ignoreIndex: a.ignoreIndex,
    }),
  mseLoss: (t, a) => mseLoss(t.input!, t.target!, { reduction: a.reduction }),
}

/** Every value within 1e-5 + 1e-5·|expected| of PyTorch's. */
function expectClose(actual: Tensor, expected: Encoded, what: string): void {
  expect(actual.shape, `${what} shape`).toEqual(expected.shape)
  expect(actual.dtype, `${what} dtype`).toBe(expected.dtype)
  let worst = 0
  expected.data.forEach((b, i) => {
    const excess = Math.abs(actual.data[i]! - b) - (1e-5 + 1e-5 * Math.abs(b))
    worst = Math.max(worst, excess)
  })
  expect(worst, `${what}: largest excess over the tolerance`).toBeLessThanOrEqual(0)
}

describe('PyTorch fixtures (fixtures/losses.py)', () => {
  it('covers every op', () => {
    expect(new Set(fixture.cases.map((c) => c.op))).toEqual(new Set(Object.keys(ops)))
  })

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const grads = c.grads ?? {}
    const inputs: Inputs = {}
    for (const [key, value] of Object.entries(c.inputs)) {
      inputs[key] = decode(value, key in grads)
    }
    const out = ops[c.op]!(inputs, c.args)
    expectClose(out, c.output, 'output')
    if (c.gradOutput === undefined) return
    out.backward(decode(c.gradOutput))
    for (const [key, expected] of Object.entries(grads)) {
      expectClose(inputs[key]!.grad!, expected, `gradient of ${key}`)
    }
  })
})
