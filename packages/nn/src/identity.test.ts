import { randn } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { Identity } from './identity'

describe('Identity', () => {
  it('returns its input and has no parameters', () => {
    const x = randn([2, 3])
    expect(new Identity().forward(x)).toBe(x)
    expect(new Identity().parameters()).toEqual([])
  })
})
