import { ArgumentError } from '@knack/core'
import { describe, expect, it } from 'vitest'
import { checkInteger, perItem, symmetric, toRange } from './checks'

describe('augmentation argument checks', () => {
  it('toRange turns numbers into ranges and checks pairs', () => {
    expect(toRange('op', 'x', 2, symmetric('op', 'x'))).toEqual([-2, 2])
    expect(toRange('op', 'x', [1, 3])).toEqual([1, 3])
    expect(() => toRange('op', 'x', 2)).toThrow(/x must be a range \[low, high\]/)
    expect(() => toRange('op', 'x', [3, 1])).toThrow(ArgumentError)
    expect(() => toRange('op', 'x', -1, symmetric('op', 'x'))).toThrow(/x must be >= 0/)
  })

  it('perItem repeats a number or checks one value per item', () => {
    expect(Array.from(perItem('op', 'k', 0.5, 3, 'image'))).toEqual([0.5, 0.5, 0.5])
    expect(Array.from(perItem('op', 'k', [1, 2], 2, 'image'))).toEqual([1, 2])
    expect(() => perItem('op', 'k', [1, Number.NaN], 2, 'image')).toThrow(/k\[1\] must be a finite/)
  })

  it('checkInteger names the bound', () => {
    expect(() => checkInteger('op', 'n', 1.5)).toThrow(/n must be an integer, got 1.5/)
    expect(() => checkInteger('op', 'n', 0, 1)).toThrow(/n must be an integer >= 1, got 0/)
  })
})
