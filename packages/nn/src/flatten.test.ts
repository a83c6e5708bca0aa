import { randn } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { Flatten } from './flatten'

describe('Flatten', () => {
  it('keeps the batch dimension by default and flattens a chosen range', () => {
    const x = randn([2, 3, 4, 5])
    expect(new Flatten().forward(x).shape).toEqual([2, 60])
    expect(new Flatten(1, 2).forward(x).shape).toEqual([2, 12, 5])
    expect(new Flatten(0).forward(x).shape).toEqual([120])
    expect(Array.from(new Flatten().forward(x).data)).toEqual(Array.from(x.data))
  })
})
