import { describe, expect, it } from 'vitest'
import type { Tensor } from '../../tensor'
import { concat } from './concat'
import { expand } from './expand'
import { checkCase, type FixtureCase } from './fixtures/fixture-case'
import fixtures from './fixtures/shape.json'
import { flatten } from './flatten'
import { narrow } from './narrow'
import { type PadMode, pad } from './pad'
import { permute } from './permute'
import { slice } from './slice'
import { squeeze } from './squeeze'
import { stack } from './stack'
import { transpose } from './transpose'
import { unsqueeze } from './unsqueeze'

type Args = FixtureCase['args']
const n = (a: Args, k: string) => a[k] as number
const list = (a: Args, k: string) => a[k] as number[]

const ops: Record<string, (xs: Tensor[], a: Args) => Tensor> = {
  permute: ([x], a) => permute(x!, list(a, 'dims')),
  transpose: ([x], a) => transpose(x!, n(a, 'dim0'), n(a, 'dim1')),
  flatten: ([x], a) => flatten(x!, n(a, 'startDim'), n(a, 'endDim')),
  squeeze: ([x], a) => squeeze(x!, a.dim as number | undefined),
  unsqueeze: ([x], a) => unsqueeze(x!, n(a, 'dim')),
  expand: ([x], a) => expand(x!, list(a, 'sizes')),
  concat: (xs, a) => concat(xs, n(a, 'dim')),
  stack: (xs, a) => stack(xs, n(a, 'dim')),
  slice: ([x], a) => slice(x!, n(a, 'dim'), n(a, 'start'), n(a, 'end'), a.step as number),
  narrow: ([x], a) => narrow(x!, n(a, 'dim'), n(a, 'start'), n(a, 'length')),
  pad: ([x], a) =>
    a.mode === undefined
      ? pad(x!, list(a, 'padding'), a.value as number | undefined)
      : pad(x!, list(a, 'padding'), a.mode as PadMode),
}

describe('shape ops agree with PyTorch 1.13', () => {
  const cases = fixtures.cases as unknown as FixtureCase[]
  it('covers every op of the fixture file', () => {
    expect(new Set(cases.map((c) => c.op))).toEqual(new Set(Object.keys(ops)))
  })
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(checkCase(c, (xs) => ops[c.op]!(xs, c.args))).toEqual([])
  })
})
