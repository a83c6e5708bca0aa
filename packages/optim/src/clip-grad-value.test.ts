import { ArgumentError, Tensor } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { fixture } from '../fixtures/optimizers'
import { clipGradValue } from './clip-grad-value'

describe('clipGradValue', () => {
  for (const c of fixture.clip.value) {
    it(`matches clip_grad_value_ with ${c.clipValue}`, () => {
      const gs = fixture.clip.grads.map(
        (v, i) => new Tensor(Float32Array.from(v), fixture.clip.shapes[i]!),
      )
      clipGradValue(gs, c.clipValue)
      gs.forEach((g, i) => {
        expect(Array.from(g.data)).toEqual(c.clipped[i])
      })
    })
  }

  it('keeps NaN and clamps infinities', () => {
    const g = new Tensor(Float32Array.of(Number.NaN, Number.POSITIVE_INFINITY, -7, 0.25), [4])
    clipGradValue({ g }, 0.5)
    expect(Array.from(g.data)).toEqual([Number.NaN, 0.5, -0.5, 0.25])
  })

  it('refuses a negative bound', () => {
    expect(() => clipGradValue([], -1)).toThrow(ArgumentError)
  })
})
