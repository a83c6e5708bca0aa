import { describe, expect, it } from 'vitest'
import type { Tensor } from '../../tensor'
import {
  checkCase,
  decode,
  type EncodedTensor,
  type FixtureCase,
} from '../shape/fixtures/fixture-case'
import fixtures from './fixtures/indexing.json'
import { gather } from './gather'
import { indexSelect } from './index-select'
import { maskedFill } from './masked-fill'
import { scatterAdd } from './scatter-add'

type Args = FixtureCase['args']
const index = (a: Args) => decode(a.index as EncodedTensor, true)

const ops: Record<string, (xs: Tensor[], a: Args) => Tensor> = {
  indexSelect: ([x], a) => indexSelect(x!, a.dim as number, index(a)),
  gather: ([x], a) => gather(x!, a.dim as number, index(a)),
  scatterAdd: ([x, src], a) => scatterAdd(x!, a.dim as number, index(a), src!),
  maskedFill: ([x], a) => maskedFill(x!, decode(a.mask as EncodedTensor), a.value as number),
}

describe('indexing ops agree with PyTorch 1.13', () => {
  const cases = fixtures.cases as unknown as FixtureCase[]
  it('covers every op of the fixture file', () => {
    expect(new Set(cases.map((c) => c.op))).toEqual(new Set(Object.keys(ops)))
  })
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(checkCase(c, (xs) => ops[c.op]!(xs, c.args))).toEqual([])
  })
})
